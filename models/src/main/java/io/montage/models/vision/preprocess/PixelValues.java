package io.montage.models.vision.preprocess;

/** One image as a model's {@code pixel_values} row: float32, channels-first (R, G, B planes), height × width each. */
public record PixelValues(int channels, int height, int width, float[] chw) {

    public PixelValues {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException(
                    chw.length + " values do not fill " + channels + "x" + height + "x" + width);
        }
    }

    public int length() {
        return chw.length;
    }
}
