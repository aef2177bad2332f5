package io.montage.models.vision.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotatedRectangleTest {

    /** Points filling a w×h rectangle centred at (cx, cy), turned by degrees (y down). */
    private static List<Point> filledRectangle(double cx, double cy, double w, double h, double degrees) {
        double a = Math.toRadians(degrees);
        var points = new ArrayList<Point>();
        for (double u = -w / 2; u <= w / 2 + 1e-9; u += w / 20) {
            for (double v = -h / 2; v <= h / 2 + 1e-9; v += h / 4) {
                points.add(new Point(cx + u * Math.cos(a) - v * Math.sin(a), cy + u * Math.sin(a) + v * Math.cos(a)));
            }
        }
        return points;
    }

    @Test
    void findsTheSidesAndAngleOfARotatedRectangle() {
        RotatedRectangle r = RotatedRectangle.enclosing(filledRectangle(200, 100, 120, 24, 30));
        assertEquals(120 * 24, r.area(), 1e-6);
        assertEquals(24, r.shortSide(), 1e-9);
        assertEquals(200, r.center().x(), 1e-9);
        assertEquals(100, r.center().y(), 1e-9);
        double longSideAngle = Math.toDegrees(
                Math.atan2(r.width() > r.height() ? r.uy() : r.ux(), r.width() > r.height() ? r.ux() : -r.uy()));
        assertEquals(30, ((longSideAngle % 180) + 180) % 180, 1e-6);
    }

    @Test
    void isSmallerThanTheAxisAlignedBoundsForATiltedShape() {
        List<Point> tilted = filledRectangle(0, 0, 100, 10, 3);
        double xSpan = tilted.stream().mapToDouble(Point::x).max().orElseThrow()
                - tilted.stream().mapToDouble(Point::x).min().orElseThrow();
        double ySpan = tilted.stream().mapToDouble(Point::y).max().orElseThrow()
                - tilted.stream().mapToDouble(Point::y).min().orElseThrow();
        RotatedRectangle r = RotatedRectangle.enclosing(tilted);
        assertEquals(1000, r.area(), 1e-6);
        assertEquals(true, r.area() < xSpan * ySpan * 0.8, "min-area " + r.area() + " vs bounds " + xSpan * ySpan);
    }

    @Test
    void cornersRunClockwiseFromTheTopLeft() {
        List<Point> corners =
                RotatedRectangle.enclosing(filledRectangle(50, 50, 40, 10, 0)).corners();
        assertEquals(
                List.of(new Point(30, 45), new Point(70, 45), new Point(70, 55), new Point(30, 55)),
                corners.stream()
                        .map(p -> new Point(Math.round(p.x()), Math.round(p.y())))
                        .toList());
    }

    @Test
    void unclipPushesEachSideOutByAreaTimesRatioOverPerimeter() {
        var post = new DbPostProcessor(DbSettings.paddleDefaults());
        RotatedRectangle box = new RotatedRectangle(new Point(0, 0), 100, 10, Math.cos(0.2), Math.sin(0.2));
        RotatedRectangle grown = post.unclip(box);
        double distance = 100 * 10 * 1.5 / 220;
        assertEquals(100 + 2 * distance, grown.width(), 1e-9);
        assertEquals(10 + 2 * distance, grown.height(), 1e-9);
        assertEquals(box.ux(), grown.ux());
        assertEquals(box.center(), grown.center());
    }
}
