package io.montage.models.vision.ocr;

/**
 * PaddleOCR's inference knobs, defaulting to its PP-OCRv4 values in tools/infer/utility.py
 * (det_limit_side_len 960, det_limit_type "max", rec_batch_num 6, cls_batch_num 6, cls_thresh 0.9,
 * drop_score 0.5 in tools/infer/predict_system.py) and rec_image_shape "3, 48, 320".
 *
 * @param db                  DB post-processing
 * @param limitSideLen        detector resize limit, pixels
 * @param limitType           whether the limit caps the longer side or floors the shorter one
 * @param useAngleClassifier  run the 0°/180° classifier on each crop
 * @param angleThreshold      probability above which a crop labelled "180" is turned
 * @param classifierBatchSize crops per classifier call
 * @param recognizerBatchSize crops per recogniser call
 * @param dropScore           lines whose recognition confidence is below this are dropped
 */
public record OcrSettings(DbSettings db, int limitSideLen, DetectionLimitType limitType, boolean useAngleClassifier,
                          double angleThreshold, int classifierBatchSize, int recognizerBatchSize, double dropScore) {

    public OcrSettings {
        if (limitSideLen < 32 || classifierBatchSize < 1 || recognizerBatchSize < 1) {
            throw new IllegalArgumentException("limitSideLen must be >= 32 and batch sizes >= 1, got " + limitSideLen + ", "
                    + classifierBatchSize + ", " + recognizerBatchSize);
        }
    }

    public static OcrSettings paddleDefaults() {
        return new OcrSettings(DbSettings.paddleDefaults(), 960, DetectionLimitType.MAX, true, 0.9, 6, 6, 0.5);
    }

    public OcrSettings withAngleClassifier(boolean use) {
        return new OcrSettings(db, limitSideLen, limitType, use, angleThreshold, classifierBatchSize, recognizerBatchSize, dropScore);
    }

    public OcrSettings withRecognizerBatchSize(int size) {
        return new OcrSettings(db, limitSideLen, limitType, useAngleClassifier, angleThreshold, classifierBatchSize, size, dropScore);
    }

    public OcrSettings withDropScore(double score) {
        return new OcrSettings(db, limitSideLen, limitType, useAngleClassifier, angleThreshold, classifierBatchSize,
                recognizerBatchSize, score);
    }
}
