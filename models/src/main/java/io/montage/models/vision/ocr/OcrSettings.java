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
 * @param beamWidth           prefixes kept by the recogniser's CTC prefix beam search; 1 decodes the best path, as
 *                            PaddleOCR does (see {@link #DEFAULT_BEAM_WIDTH})
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
        double cropMargin,
        int beamWidth) {

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

    /**
     * The default beam width of the recogniser's CTC decoding. PaddleOCR decodes the best path (width 1), which drops
     * most word gaps that PP-OCRv4 spreads over two steps of p(space) ≈ 0.4 (see {@link CtcPrefixBeamDecoder}). Measured
     * exact character accuracy, best path → width 5 → width 10: the degraded set 95.31% → 96.46% → 96.43%, its
     * development seeds 777 and 4242 94.29% → 95.49% → 95.59% and 94.02% → (not run) → 95.37%, the rendered quality set
     * 99.28% → 99.37% at both widths. Width 10 was measured on every set. Its cost per step is one more pass over the
     * step's probabilities (6,625 classes) and at most 10 prefixes × the few classes above
     * {@link CtcPrefixBeamDecoder#MIN_PROBABILITY}; on this project's shared 2-core machine the difference in
     * recognition time was lost in the noise of other work.
     */
    public static final int DEFAULT_BEAM_WIDTH = 10;

    public OcrSettings {
        if (limitSideLen < 32 || classifierBatchSize < 1 || recognizerBatchSize < 1) {
            throw new IllegalArgumentException("limitSideLen must be >= 32 and batch sizes >= 1, got " + limitSideLen
                    + ", " + classifierBatchSize + ", " + recognizerBatchSize);
        }
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beamWidth must be >= 1 (1 decodes the best path), got " + beamWidth);
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
                DbSettings.paddleDefaults(),
                960,
                DetectionLimitType.MAX,
                false,
                0.9,
                6,
                6,
                0.5,
                DEFAULT_CROP_MARGIN,
                DEFAULT_BEAM_WIDTH);
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
                cropMargin,
                beamWidth);
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
                cropMargin,
                beamWidth);
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
                cropMargin,
                beamWidth);
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
                margin,
                beamWidth);
    }

    public OcrSettings withBeamWidth(int width) {
        return new OcrSettings(
                db,
                limitSideLen,
                limitType,
                useAngleClassifier,
                angleThreshold,
                classifierBatchSize,
                recognizerBatchSize,
                dropScore,
                cropMargin,
                width);
    }
}
