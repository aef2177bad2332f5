package io.montage.models.vision.ocr;

/**
 * Bilinear resizing with pixel centres aligned (source x = (x + 0.5) * scale - 0.5, clamped at the
 * edges): the sampling of OpenCV's {@code cv2.resize} with its default INTER_LINEAR, which every
 * PaddleOCR pre-processing step uses. Like OpenCV, it does not low-pass before shrinking.
 */
final class BilinearResize {

    private BilinearResize() {}

    static BgrImage resize(BgrImage source, int width, int height) {
        if (width == source.width() && height == source.height()) {
            return source;
        }
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        axis(source.width(), width, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        axis(source.height(), height, y0, y1, fy);
        byte[] in = source.pixels();
        byte[] out = new byte[width * height * 3];
        int sw = source.width();
        for (int y = 0; y < height; y++) {
            int rowA = y0[y] * sw;
            int rowB = y1[y] * sw;
            float wy = fy[y];
            for (int x = 0; x < width; x++) {
                float wx = fx[x];
                for (int c = 0; c < 3; c++) {
                    float a = in[(rowA + x0[x]) * 3 + c] & 0xFF;
                    float b = in[(rowA + x1[x]) * 3 + c] & 0xFF;
                    float d = in[(rowB + x0[x]) * 3 + c] & 0xFF;
                    float e = in[(rowB + x1[x]) * 3 + c] & 0xFF;
                    float top = a + (b - a) * wx;
                    float bottom = d + (e - d) * wx;
                    out[(y * width + x) * 3 + c] = (byte) Math.round(top + (bottom - top) * wy);
                }
            }
        }
        return new BgrImage(width, height, out);
    }

    private static void axis(int sourceSize, int targetSize, int[] lower, int[] upper, float[] weight) {
        double scale = (double) sourceSize / targetSize;
        for (int i = 0; i < targetSize; i++) {
            double s = Math.max(0, (i + 0.5) * scale - 0.5);
            int base = Math.min((int) Math.floor(s), sourceSize - 1);
            lower[i] = base;
            upper[i] = Math.min(base + 1, sourceSize - 1);
            weight[i] = (float) (s - base);
        }
    }
}
