package io.montage.models.vision.ocr;

import java.util.List;

/**
 * Cuts a text box out of the image as an upright rectangle, following PaddleOCR's
 * {@code get_rotate_crop_image} (tools/infer/utility.py): the crop is as wide as the longer of the top and
 * bottom edges and as tall as the longer of the side edges, filled through the perspective map from the
 * box, with edge pixels repeated outside the image (BORDER_REPLICATE), and turned a quarter
 * counter-clockwise when it is at least 1.5 times taller than wide (vertical text). Sampling is bilinear;
 * PaddleOCR samples bicubically, a difference well below what the 48-px recogniser input resolves.
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
                sampleBilinear(image, s.x(), s.y(), out, (y * width + x) * 3);
            }
        }
        BgrImage crop = new BgrImage(width, height, out);
        return (double) height / width >= VERTICAL_RATIO ? crop.rotatedCounterClockwise() : crop;
    }

    private static void sampleBilinear(BgrImage image, double x, double y, byte[] out, int offset) {
        int maxX = image.width() - 1;
        int maxY = image.height() - 1;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        int xa = clamp(x0, maxX);
        int xb = clamp(x0 + 1, maxX);
        int ya = clamp(y0, maxY);
        int yb = clamp(y0 + 1, maxY);
        for (int c = 0; c < 3; c++) {
            double top = image.sample(xa, ya, c) * (1 - fx) + image.sample(xb, ya, c) * fx;
            double bottom = image.sample(xa, yb, c) * (1 - fx) + image.sample(xb, yb, c) * fx;
            out[offset + c] = (byte) Math.round(top * (1 - fy) + bottom * fy);
        }
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, max));
    }
}
