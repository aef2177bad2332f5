package io.montage.models.vision.ocr;

/** The DB detector's per-pixel text probability, row-major, at the resolution the detector ran at. */
record ProbabilityMap(int width, int height, float[] values) {

    ProbabilityMap {
        if (values.length != width * height) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " map has " + width * height + " values, got " + values.length);
        }
    }

    float at(int x, int y) {
        return values[y * width + x];
    }
}
