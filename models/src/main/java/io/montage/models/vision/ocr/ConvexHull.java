package io.montage.models.vision.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Andrew's monotone chain: the convex hull of a point set, counter-clockwise in x-right/y-up terms, no collinear points. */
final class ConvexHull {

    private ConvexHull() {}

    static List<Point> of(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::x).thenComparingDouble(Point::y));
        if (sorted.size() < 3) {
            return sorted;
        }
        int n = sorted.size();
        Point[] hull = new Point[2 * n];
        int k = 0;
        for (Point p : sorted) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            Point p = sorted.get(i);
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        return List.of(Arrays.copyOf(hull, Math.max(1, k - 1)));
    }

    /** Positive when o→a→b turns counter-clockwise (x right, y up). */
    static double cross(Point o, Point a, Point b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    }
}
