package io.montage.models.vision.ocr;

/**
 * Differentiable Binarization post-processing knobs. Defaults are PaddleOCR's inference defaults for
 * PP-OCRv4 (tools/infer/utility.py: det_db_thresh 0.3, det_db_box_thresh 0.6, det_db_unclip_ratio 1.5,
 * det_db_score_mode "fast"; ppocr/postprocess/db_postprocess.py: max_candidates 1000, min_size 3).
 *
 * @param threshold      probability above which a pixel is text
 * @param boxThreshold   mean probability inside a box below which it is dropped
 * @param unclipRatio    how far a box grows back out: distance = area × ratio / perimeter
 * @param maxCandidates  most regions examined per image
 * @param minSize        shortest box side kept, in detector pixels (min_size; the unclipped box needs min_size + 2)
 */
public record DbSettings(double threshold, double boxThreshold, double unclipRatio, int maxCandidates, int minSize) {

    public DbSettings {
        if (threshold <= 0
                || threshold >= 1
                || boxThreshold < 0
                || boxThreshold > 1
                || unclipRatio <= 0
                || maxCandidates < 1
                || minSize < 0) {
            throw new IllegalArgumentException("DB settings out of range: " + threshold + ", " + boxThreshold + ", "
                    + unclipRatio + ", " + maxCandidates + ", " + minSize);
        }
    }

    public static DbSettings paddleDefaults() {
        return new DbSettings(0.3, 0.6, 1.5, 1000, 3);
    }
}
