package io.montage.models.vision.ocr;

/** A position in image pixels: x to the right, y down (the image's own axes). */
public record Point(double x, double y) {

    public double distanceTo(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
