package io.montage.models.vision.ocr;

import java.util.List;

/**
 * PaddleOCR's "fast" box score: the mean probability over the pixels of the box's bounding rectangle
 * that lie inside the box (ppocr/postprocess/db_postprocess.py box_score_fast). As there, the corners are
 * truncated to whole pixels and pixels on the edges count as inside (cv2.fillPoly's rule).
 */
final class BoxScore {

    private BoxScore() {}

    /** {@code corners} in order around a convex quadrilateral, in map pixels. */
    static double fast(ProbabilityMap map, List<Point> corners) {
        int xmin = clamp(
                (int) Math.floor(corners.stream().mapToDouble(Point::x).min().orElseThrow()), map.width());
        int xmax = clamp(
                (int) Math.ceil(corners.stream().mapToDouble(Point::x).max().orElseThrow()), map.width());
        int ymin = clamp(
                (int) Math.floor(corners.stream().mapToDouble(Point::y).min().orElseThrow()), map.height());
        int ymax = clamp(
                (int) Math.ceil(corners.stream().mapToDouble(Point::y).max().orElseThrow()), map.height());
        Point[] quad =
                corners.stream().map(p -> new Point((int) p.x(), (int) p.y())).toArray(Point[]::new);
        double sum = 0;
        int count = 0;
        for (int y = ymin; y <= ymax; y++) {
            for (int x = xmin; x <= xmax; x++) {
                if (insideOrOn(quad, x, y)) {
                    sum += map.at(x, y);
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static boolean insideOrOn(Point[] quad, double x, double y) {
        boolean anyPositive = false;
        boolean anyNegative = false;
        Point p = new Point(x, y);
        for (int i = 0; i < quad.length; i++) {
            double turn = ConvexHull.cross(quad[i], quad[(i + 1) % quad.length], p);
            anyPositive |= turn > 0;
            anyNegative |= turn < 0;
        }
        return !(anyPositive && anyNegative);
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(value, size - 1));
    }
}
