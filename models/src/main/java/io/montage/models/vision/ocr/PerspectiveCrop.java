package io.montage.models.vision.ocr;

import java.util.List;

/**
 * Cuts a text box out of the image as an upright rectangle, following PaddleOCR's
 * {@code get_rotate_crop_image} (tools/infer/utility.py): the crop is as wide as the longer of the top and
 * bottom edges and as tall as the longer of the side edges, filled through the perspective map from the
 * box, with edge pixels repeated outside the image (BORDER_REPLICATE), and turned a quarter
 * counter-clockwise when it is at least 1.5 times taller than wide (vertical text). Sampling is bicubic, as
 * get_rotate_crop_image's {@code cv2.INTER_CUBIC} (OpenCV's kernel, A = −0.75): bilinear sampling softens the strokes
 * of tilted lines, and the recogniser then drops more of the spaces between words (measured: the rendered quality set
 * 98.48% → 99.28% exact characters with bicubic sampling, the degraded set 95.20% → 95.31%).
 */
final class PerspectiveCrop {

    /** get_rotate_crop_image's height/width ratio from which a crop is treated as vertical text. */
    static final double VERTICAL_RATIO = 1.5;

    private PerspectiveCrop() {}

    /**
     * The box with each of its two long sides pushed outwards, along the short sides, by {@code fraction} of the short
     * side's length: a horizontal line gains that margin above and below, a vertical column left and right, and the
     * length of the text stays as it is. Used to give the recogniser the margin around the ink it was trained with
     * (see {@link OcrSettings#DEFAULT_CROP_MARGIN}).
     *
     * @param box 4 corners clockwise from the top-left
     */
    static List<Point> withMargin(List<Point> box, double fraction) {
        if (fraction == 0) {
            return box;
        }
        Point topLeft = box.get(0);
        Point topRight = box.get(1);
        Point bottomRight = box.get(2);
        Point bottomLeft = box.get(3);
        boolean horizontal = topLeft.distanceTo(topRight) >= topLeft.distanceTo(bottomLeft);
        if (horizontal) {
            // move the top edge up and the bottom edge down, each corner along its own side
            return List.of(
                    along(topLeft, bottomLeft, -fraction),
                    along(topRight, bottomRight, -fraction),
                    along(bottomRight, topRight, -fraction),
                    along(bottomLeft, topLeft, -fraction));
        }
        return List.of(
                along(topLeft, topRight, -fraction),
                along(topRight, topLeft, -fraction),
                along(bottomRight, bottomLeft, -fraction),
                along(bottomLeft, bottomRight, -fraction));
    }

    /** {@code from} moved by {@code t} times the vector from it to {@code to}. */
    private static Point along(Point from, Point to, double t) {
        return new Point(from.x() + (to.x() - from.x()) * t, from.y() + (to.y() - from.y()) * t);
    }

    /** {@code box}: 4 corners clockwise from the top-left, in image pixels. */
    static BgrImage crop(BgrImage image, List<Point> box) {
        int width = Math.max(
                1, (int) Math.max(box.get(0).distanceTo(box.get(1)), box.get(2).distanceTo(box.get(3))));
        int height = Math.max(
                1, (int) Math.max(box.get(0).distanceTo(box.get(3)), box.get(1).distanceTo(box.get(2))));
        List<Point> target =
                List.of(new Point(0, 0), new Point(width, 0), new Point(width, height), new Point(0, height));
        Homography toSource = Homography.mapping(target, box);
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                Point s = toSource.apply(x, y);
                sampleBicubic(image, s.x(), s.y(), out, (y * width + x) * 3);
            }
        }
        BgrImage crop = new BgrImage(width, height, out);
        return (double) height / width >= VERTICAL_RATIO ? crop.rotatedCounterClockwise() : crop;
    }

    /** OpenCV's bicubic kernel parameter (A = −0.75 in imgproc's interpolateCubic). */
    private static final double CUBIC_A = -0.75;

    /**
     * The 4×4 neighbourhood around (x, y) weighted by the cubic convolution kernel, edge pixels repeated outside the
     * image, rounded and saturated to 0–255 (the kernel's negative lobes can overshoot).
     */
    private static void sampleBicubic(BgrImage image, double x, double y, byte[] out, int offset) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double[] wx = cubicWeights(x - x0);
        double[] wy = cubicWeights(y - y0);
        int maxX = image.width() - 1;
        int maxY = image.height() - 1;
        for (int c = 0; c < 3; c++) {
            double value = 0;
            for (int j = 0; j < 4; j++) {
                int sy = clamp(y0 - 1 + j, maxY);
                double row = 0;
                for (int i = 0; i < 4; i++) {
                    row += wx[i] * image.sample(clamp(x0 - 1 + i, maxX), sy, c);
                }
                value += wy[j] * row;
            }
            out[offset + c] = (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
    }

    /** Weights of the pixels at −1, 0, +1 and +2 from the sample's integer part, for fraction {@code t} in [0, 1). */
    static double[] cubicWeights(double t) {
        double a = CUBIC_A;
        double w0 = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
        double w1 = ((a + 2) * t - (a + 3)) * t * t + 1;
        double u = 1 - t;
        double w2 = ((a + 2) * u - (a + 3)) * u * u + 1;
        return new double[] {w0, w1, w2, 1 - w0 - w1 - w2};
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, max));
    }
}
