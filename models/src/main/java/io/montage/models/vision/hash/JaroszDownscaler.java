package io.montage.models.vision.hash;

/**
 * Shrinks a luminance plane to 64×64 the way PDQ specifies: two passes of a horizontal then a
 * vertical box filter (Jarosz's approximation of a tent filter, so every source pixel contributes
 * and small details cannot alias into the hash), then one sample at the centre of each of the
 * 64×64 cells.
 *
 * <p>Each box is half a cell wide, rounded up: two passes of it cover a whole cell. The filter runs
 * in place with one row or column of scratch, so a large photo costs one float plane, not two.
 */
final class JaroszDownscaler {

    static final int SIDE = 64;
    private static final int PASSES = 2;

    private JaroszDownscaler() {}

    static float[][] toSide64(LumaPlane plane) {
        int width = plane.width();
        int height = plane.height();
        float[] values = plane.values();
        // A plane already 64×64 (e.g. a frame FFmpeg has scaled) is hashed as it is, as in the reference.
        if (width != SIDE || height != SIDE) {
            int alongRows = windowSize(width);
            int alongColumns = windowSize(height);
            float[] scratch = new float[Math.max(width, height)];
            for (int pass = 0; pass < PASSES; pass++) {
                for (int y = 0; y < height; y++) {
                    box(values, y * width, 1, width, alongRows, scratch);
                }
                for (int x = 0; x < width; x++) {
                    box(values, x, width, height, alongColumns, scratch);
                }
            }
        }
        return decimate(values, width, height);
    }

    /** ⌈dimension / 128⌉: half of a 1/64 cell, since the two passes together span a full cell. */
    static int windowSize(int dimension) {
        return (dimension + 2 * SIDE - 1) / (2 * SIDE);
    }

    /**
     * Mean over a window of {@code window} samples around each one, clipped at the ends (fewer
     * samples, not padding). For an even window the extra sample is on the right, as in the
     * reference, so hashes agree with other PDQ implementations bit for bit on the same luminance.
     */
    private static void box(float[] values, int start, int stride, int length, int window, float[] scratch) {
        int right = window / 2; // samples after the centre; the reference's half window minus one
        int left = window - 1 - right;
        // A running float sum, as in the reference: it rounds the same way, so bits agree.
        float sum = 0;
        int count = 0;
        for (int i = 0; i < Math.min(right, length); i++) {
            sum += values[start + i * stride];
            count++;
        }
        for (int i = 0; i < length; i++) {
            int entering = i + right;
            if (entering < length) {
                sum += values[start + entering * stride];
                count++;
            }
            int leaving = i - left - 1;
            if (leaving >= 0) {
                sum -= values[start + leaving * stride];
                count--;
            }
            scratch[i] = sum / count;
        }
        for (int i = 0; i < length; i++) {
            values[start + i * stride] = scratch[i];
        }
    }

    private static float[][] decimate(float[] values, int width, int height) {
        float[][] out = new float[SIDE][SIDE];
        for (int i = 0; i < SIDE; i++) {
            // Cell centres, not corners: (i + ½) of the way along in 64ths.
            int y = (int) (((i + 0.5) * height) / SIDE);
            for (int j = 0; j < SIDE; j++) {
                int x = (int) (((j + 0.5) * width) / SIDE);
                out[i][j] = values[y * width + x];
            }
        }
        return out;
    }
}
