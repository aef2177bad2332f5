package io.montage.models.vision.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A detected text region: 4 corners clockwise from the top-left, in original-image pixels, and the
 * detector's mean probability inside it.
 */
public record TextBox(List<Point> corners, double score) {

    public TextBox {
        if (corners.size() != 4) {
            throw new IllegalArgumentException("a text box has 4 corners, got " + corners);
        }
        corners = List.copyOf(corners);
    }

    public Point topLeft() {
        return corners.get(0);
    }

    /**
     * Orders any 4 corners as top-left, top-right, bottom-right, bottom-left: the two left-most points
     * (by x) form the left side, and on each side the upper one (smaller y) comes first. This is the
     * ordering of PaddleOCR's {@code order_points_clockwise} (tools/infer/predict_det.py) and
     * {@code get_mini_boxes} (ppocr/postprocess/db_postprocess.py), which later steps rely on.
     */
    public static List<Point> clockwiseFromTopLeft(List<Point> points) {
        if (points.size() != 4) {
            throw new IllegalArgumentException("need 4 points, got " + points);
        }
        List<Point> byX = new ArrayList<>(points);
        byX.sort(Comparator.comparingDouble(Point::x));
        Point leftA = byX.get(0);
        Point leftB = byX.get(1);
        Point rightA = byX.get(2);
        Point rightB = byX.get(3);
        Point topLeft = leftA.y() <= leftB.y() ? leftA : leftB;
        Point bottomLeft = topLeft == leftA ? leftB : leftA;
        Point topRight = rightA.y() <= rightB.y() ? rightA : rightB;
        Point bottomRight = topRight == rightA ? rightB : rightA;
        return List.of(topLeft, topRight, bottomRight, bottomLeft);
    }
}
