package io.montage.models.vision.preprocess;

/** Width and height in pixels. */
public record Size(int width, int height) {

    public Size {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a size needs both sides >= 1, got " + width + "x" + height);
        }
    }

    public static Size square(int side) {
        return new Size(side, side);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
