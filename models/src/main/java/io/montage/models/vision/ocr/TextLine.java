package io.montage.models.vision.ocr;

import java.util.List;

/**
 * One line of text found in an image.
 *
 * @param text       the recognised characters
 * @param confidence mean of the recogniser's per-character probabilities, 0..1
 * @param box        4 corners clockwise from the top-left, in the original image's pixels
 */
public record TextLine(String text, double confidence, List<Point> box) {

    public TextLine {
        if (box.size() != 4) {
            throw new IllegalArgumentException("a text line's box has 4 corners, got " + box);
        }
        box = List.copyOf(box);
    }
}
