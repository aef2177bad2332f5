package io.montage.models.vision.hash;

import java.awt.image.BufferedImage;

/**
 * An image's luminance as floats, row-major, {@code height} rows of {@code width}. Floats rather
 * than bytes because PDQ filters the plane in place and the averages must not be rounded between
 * passes.
 */
record LumaPlane(int width, int height, float[] values) {

    // ITU-R BT.601 luma, the weights the PDQ reference implementations use.
    private static final float FROM_R = 0.299f;
    private static final float FROM_G = 0.587f;
    private static final float FROM_B = 0.114f;

    LumaPlane {
        if (values.length != width * height) {
            throw new IllegalArgumentException(
                    width + "×" + height + " needs " + width * height + " values, got " + values.length);
        }
    }

    /** Alpha is ignored, as in the reference: a transparent pixel counts by its colour. */
    static LumaPlane of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int offset = y * width;
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                values[offset + x] =
                        FROM_R * ((rgb >> 16) & 0xFF) + FROM_G * ((rgb >> 8) & 0xFF) + FROM_B * (rgb & 0xFF);
            }
        }
        return new LumaPlane(width, height, values);
    }
}
