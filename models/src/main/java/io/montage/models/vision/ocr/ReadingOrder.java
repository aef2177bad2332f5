package io.montage.models.vision.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * PaddleOCR's reading order (tools/infer/predict_system.py sorted_boxes): sort by the top-left corner's
 * y then x; then, walking down the list, a box whose top-left is less than 10 px lower than the one
 * before it but further left is moved in front of it, so boxes on one visual line read left to right.
 */
final class ReadingOrder {

    /** sorted_boxes' "same line" tolerance, in original-image pixels. */
    static final double SAME_LINE_PIXELS = 10;

    private ReadingOrder() {}

    static <T> List<T> sort(List<T> items, Function<T, Point> topLeft) {
        var sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble((T t) -> topLeft.apply(t).y())
                .thenComparingDouble(t -> topLeft.apply(t).x()));
        for (int i = 0; i < sorted.size() - 1; i++) {
            for (int j = i; j >= 0; j--) {
                Point next = topLeft.apply(sorted.get(j + 1));
                Point current = topLeft.apply(sorted.get(j));
                if (Math.abs(next.y() - current.y()) < SAME_LINE_PIXELS && next.x() < current.x()) {
                    T swap = sorted.get(j);
                    sorted.set(j, sorted.get(j + 1));
                    sorted.set(j + 1, swap);
                } else {
                    break;
                }
            }
        }
        return sorted;
    }
}
