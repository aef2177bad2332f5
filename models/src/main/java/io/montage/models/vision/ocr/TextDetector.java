package io.montage.models.vision.ocr;

import java.util.List;

/** Finds where text lines are in an image. Thread-safe. */
public interface TextDetector extends AutoCloseable {

    /** Boxes of the text lines, in original-image pixels, in no particular order. */
    List<TextBox> detect(BgrImage image);

    @Override
    void close();
}
