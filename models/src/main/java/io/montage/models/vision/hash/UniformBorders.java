package io.montage.models.vision.hash;

/**
 * Cuts away uniform bands along the edges of a luminance plane: letterbox and pillarbox bars,
 * frames, plain margins. PDQ's coefficients go up to the 16th frequency, so a border that moves the
 * picture by a few percent flips a third of the bits or more; the same picture without its border
 * hashes as the original. This is not part of PDQ; both the reference and the query must be hashed
 * with it for their hashes to be compared.
 *
 * <p>A band is any run of rows (or columns) whose luminance spans at most {@code FLAT} levels,
 * whatever its colour, so a picture with a plain margin and the same picture with a frame around
 * that margin are both cut to the first row with detail. At most a quarter of each side is cut, so
 * a mostly plain picture keeps its shape.
 */
final class UniformBorders {

    // Only bars that are flat to within rounding: a plain but grainy margin (which JPEG may or may
    // not smooth) must not be cut in one copy and kept in another.
    private static final float FLAT = 2;
    private static final int MAX_FRACTION = 4;

    private UniformBorders() {}

    static LumaPlane trimmed(LumaPlane plane) {
        int width = plane.width();
        int height = plane.height();
        float[] v = plane.values();
        int top = 0;
        while (top < height / MAX_FRACTION && flat(v, top * width, 1, width)) {
            top++;
        }
        int bottom = height;
        while (height - bottom < height / MAX_FRACTION && flat(v, (bottom - 1) * width, 1, width)) {
            bottom--;
        }
        int rows = bottom - top;
        int left = 0;
        while (left < width / MAX_FRACTION && flat(v, top * width + left, width, rows)) {
            left++;
        }
        int right = width;
        while (width - right < width / MAX_FRACTION && flat(v, top * width + right - 1, width, rows)) {
            right--;
        }
        if (top == 0 && bottom == height && left == 0 && right == width) {
            return plane;
        }
        int columns = right - left;
        float[] out = new float[columns * rows];
        for (int y = 0; y < rows; y++) {
            System.arraycopy(v, (top + y) * width + left, out, y * columns, columns);
        }
        return new LumaPlane(columns, rows, out);
    }

    private static boolean flat(float[] v, int start, int stride, int length) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            float value = v[start + i * stride];
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (max - min > FLAT) {
                return false;
            }
        }
        return true;
    }
}
