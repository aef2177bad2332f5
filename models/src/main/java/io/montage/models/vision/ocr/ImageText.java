package io.montage.models.vision.ocr;

import java.util.List;
import java.util.stream.Collectors;

/** The lines of text in one image, in reading order (top to bottom, then left to right). */
public record ImageText(List<TextLine> lines, OcrTimings timings) {

    public ImageText {
        lines = List.copyOf(lines);
    }

    /** Every line's text, joined by newlines in reading order; empty when the image has no text. */
    public String fullText() {
        return lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
    }
}
