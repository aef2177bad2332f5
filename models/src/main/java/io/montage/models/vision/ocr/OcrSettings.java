package io.montage.models.vision.ocr;

/**
 * PaddleOCR's inference knobs, defaulting to its PP-OCRv4 values in tools/infer/utility.py
 * (det_limit_side_len 960, det_limit_type "max", use_angle_cls false, rec_batch_num 6, cls_batch_num 6,
 * cls_thresh 0.9, drop_score 0.5 in tools/infer/predict_system.py) and rec_image_shape "3, 48, 320".
 *
 * @param db                  DB post-processing
 * @param limitSideLen        detector resize limit, pixels
 * @param limitType           whether the limit caps the longer side or floors the shorter one
 * @param useAngleClassifier  run the 0°/180° classifier on each crop (off by default, as in PaddleOCR: see
 *                            {@link #paddleDefaults()})
 * @param angleThreshold      probability above which a crop labelled "180" is turned
 * @param classifierBatchSize crops per classifier call
 * @param recognizerBatchSize crops per recogniser call
 * @param dropScore           lines whose recognition confidence is below this are dropped
 * @param cropMargin          how far the recogniser's crop reaches past the detected box on each of its long sides, as
 *                            a fraction of the box's short side (0 cuts exactly the box, as PaddleOCR does); the
 *                            reported line box stays the detected one
 */
public record OcrSettings(
        DbSettings db,
        int limitSideLen,
        DetectionLimitType limitType,
        boolean useAngleClassifier,
        double angleThreshold,
        int classifierBatchSize,
        int recognizerBatchSize,
        double dropScore,
        double cropMargin) {

    /**
     * The default crop margin. DB's box with unclip_ratio 1.5 hugs the ink (within ~3 px on rendered text), so a crop of
     * exactly the box shows the recogniser letters touching its top and bottom edges — unlike the padded line crops
     * PP-OCRv4's recogniser was trained on. On such crops it still reads the letters but mostly stops emitting the space
     * class between words (p(space) drops to 0.1–0.3 at the gaps, and greedy decoding takes the blank), and on slightly
     * tilted lines, where the box's angle is off by a fraction of a degree, it also loses clipped ascenders and
     * descenders. Measured on rendered sets other than the quality test's (seeds 777 and 4242, and single-spaced
     * paragraphs with a line pitch of 1.2 × the font size): exact character accuracy went from 92–95% at margin 0 to
     * 97–99.9% at 0.2 and levelled off after 0.25; 0.2 is taken as the smaller value, so that single-spaced neighbours
     * reach into the crop as little as possible. Widening the crop along the text as well changed nothing measurable.
     */
    public static final double DEFAULT_CROP_MARGIN = 0.2;

    public OcrSettings {
        if (limitSideLen < 32 || classifierBatchSize < 1 || recognizerBatchSize < 1) {
            throw new IllegalArgumentException("limitSideLen must be >= 32 and batch sizes >= 1, got " + limitSideLen
                    + ", " + classifierBatchSize + ", " + recognizerBatchSize);
        }
        if (!(cropMargin >= 0 && cropMargin <= 1)) {
            throw new IllegalArgumentException(
                    "cropMargin must be between 0 and 1 (a fraction of the box's short side), got " + cropMargin);
        }
    }

    /**
     * PaddleOCR's values, with the recogniser's crop reaching {@link #DEFAULT_CROP_MARGIN} past the box. The angle
     * classifier is off, as PaddleOCR's use_angle_cls defaults to false: on upright low-contrast or blurred lines
     * ch_ppocr_mobile_v2.0_cls scores "180" above cls_thresh 0.9 often enough to turn readable lines upside down,
     * whose text then comes out as garbage or falls under drop_score (measured: the existing rendered set 97.56% →
     * 98.48% without it, the degraded set 94.12% → 95.20%, a development seed of it 91.04% → 94.29%). Turn it on
     * ({@link #withAngleClassifier}) for input that is really upside down at times, such as scanned pages.
     */
    public static OcrSettings paddleDefaults() {
        return new OcrSettings(
                DbSettings.paddleDefaults(), 960, DetectionLimitType.MAX, false, 0.9, 6, 6, 0.5, DEFAULT_CROP_MARGIN);
    }

    public OcrSettings withAngleClassifier(boolean use) {
        return new OcrSettings(
                db,
                limitSideLen,
                limitType,
                use,
                angleThreshold,
                classifierBatchSize,
                recognizerBatchSize,
                dropScore,
                cropMargin);
    }

    public OcrSettings withRecognizerBatchSize(int size) {
        return new OcrSettings(
                db,
                limitSideLen,
                limitType,
                useAngleClassifier,
                angleThreshold,
                classifierBatchSize,
                size,
                dropScore,
                cropMargin);
    }

    public OcrSettings withDropScore(double score) {
        return new OcrSettings(
                db,
                limitSideLen,
                limitType,
                useAngleClassifier,
                angleThreshold,
                classifierBatchSize,
                recognizerBatchSize,
                score,
                cropMargin);
    }

    public OcrSettings withCropMargin(double margin) {
        return new OcrSettings(
                db,
                limitSideLen,
                limitType,
                useAngleClassifier,
                angleThreshold,
                classifierBatchSize,
                recognizerBatchSize,
                dropScore,
                margin);
    }
}
