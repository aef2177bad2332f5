package io.montage.models.vision.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReadingOrderTest {

    @Test
    void boxesOnOneVisualLineReadLeftToRightEvenWhenTheRightOneSitsHigher() {
        List<Point> sorted = ReadingOrder.sort(
                List.of(new Point(10, 120), new Point(300, 50), new Point(10, 57), new Point(150, 54)),
                Function.identity());
        assertEquals(List.of(new Point(10, 57), new Point(150, 54), new Point(300, 50), new Point(10, 120)), sorted);
    }

    @Test
    void boxesTenPixelsOrMoreApartAreDifferentLines() {
        List<Point> sorted = ReadingOrder.sort(List.of(new Point(10, 60), new Point(300, 50)), Function.identity());
        assertEquals(List.of(new Point(300, 50), new Point(10, 60)), sorted);
    }
}
