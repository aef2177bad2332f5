package io.montage.models.vision.ocr;

import java.util.List;

/**
 * A rectangle at any angle: centre, side lengths along the unit direction {@code (ux, uy)} and its
 * perpendicular. Plays the part of OpenCV's {@code cv2.minAreaRect} / {@code cv2.boxPoints}, which
 * PaddleOCR's DB post-processing uses.
 */
record RotatedRectangle(Point center, double width, double height, double ux, double uy) {

    /**
     * The smallest-area rectangle enclosing the points. The minimum rectangle has one side on a convex
     * hull edge (Freeman and Shapira, the basis of rotating calipers), so each hull edge's direction is
     * tried and the hull projected onto it: O(h²) for h hull points, and DB components have small hulls
     * (at most two points per pixel row).
     */
    static RotatedRectangle enclosing(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("cannot enclose no points");
        }
        List<Point> hull = ConvexHull.of(points);
        if (hull.size() == 1) {
            return new RotatedRectangle(hull.get(0), 0, 0, 1, 0);
        }
        RotatedRectangle best = null;
        double bestArea = Double.POSITIVE_INFINITY;
        for (int i = 0; i < hull.size(); i++) {
            Point a = hull.get(i);
            Point b = hull.get((i + 1) % hull.size());
            double length = a.distanceTo(b);
            if (length == 0) {
                continue;
            }
            RotatedRectangle candidate = alignedTo(hull, (b.x() - a.x()) / length, (b.y() - a.y()) / length);
            double area = candidate.width * candidate.height;
            if (area < bestArea) {
                bestArea = area;
                best = candidate;
            }
        }
        return best;
    }

    private static RotatedRectangle alignedTo(List<Point> hull, double ux, double uy) {
        double minU = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        for (Point p : hull) {
            double u = p.x() * ux + p.y() * uy;
            double v = -p.x() * uy + p.y() * ux;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double cu = (minU + maxU) / 2;
        double cv = (minV + maxV) / 2;
        Point center = new Point(cu * ux - cv * uy, cu * uy + cv * ux);
        return new RotatedRectangle(center, maxU - minU, maxV - minV, ux, uy);
    }

    double shortSide() {
        return Math.min(width, height);
    }

    double area() {
        return width * height;
    }

    double perimeter() {
        return 2 * (width + height);
    }

    /** The same rectangle with every side pushed out by {@code distance}. */
    RotatedRectangle expandedBy(double distance) {
        return new RotatedRectangle(center, width + 2 * distance, height + 2 * distance, ux, uy);
    }

    /** Corners clockwise from the top-left (see {@link TextBox#clockwiseFromTopLeft}). */
    List<Point> corners() {
        double hw = width / 2;
        double hh = height / 2;
        double vx = -uy;
        double vy = ux;
        Point a = new Point(center.x() - ux * hw - vx * hh, center.y() - uy * hw - vy * hh);
        Point b = new Point(center.x() + ux * hw - vx * hh, center.y() + uy * hw - vy * hh);
        Point c = new Point(center.x() + ux * hw + vx * hh, center.y() + uy * hw + vy * hh);
        Point d = new Point(center.x() - ux * hw + vx * hh, center.y() - uy * hw + vy * hh);
        return TextBox.clockwiseFromTopLeft(List.of(a, b, c, d));
    }
}
