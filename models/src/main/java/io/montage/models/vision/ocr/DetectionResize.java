package io.montage.models.vision.ocr;

/**
 * The detector's input size: PaddleOCR's {@code DetResizeForTest.resize_image_type0}
 * (ppocr/data/imaug/operators.py) — scale so the longer side is at most {@code limitSideLen} (limit type
 * "max") or the shorter side at least {@code limitSideLen} ("min"), then round each side to a multiple
 * of 32 (the network downsamples 32×), at least 32.
 */
record DetectionResize(int width, int height) {

    static DetectionResize of(int imageWidth, int imageHeight, int limitSideLen, DetectionLimitType limitType) {
        double ratio = 1.0;
        if (limitType == DetectionLimitType.MAX && Math.max(imageWidth, imageHeight) > limitSideLen) {
            ratio = (double) limitSideLen / Math.max(imageWidth, imageHeight);
        } else if (limitType == DetectionLimitType.MIN && Math.min(imageWidth, imageHeight) < limitSideLen) {
            ratio = (double) limitSideLen / Math.min(imageWidth, imageHeight);
        }
        int w = (int) (imageWidth * ratio);
        int h = (int) (imageHeight * ratio);
        // Python's round() rounds halves to even, as Math.rint does.
        return new DetectionResize(
                Math.max((int) Math.rint(w / 32.0) * 32, 32), Math.max((int) Math.rint(h / 32.0) * 32, 32));
    }
}
