package io.montage.models.vision.ocr;

import java.util.List;

/** Reads the characters of single-line images (upright crops of detected boxes). Thread-safe. */
public interface TextRecognizer extends AutoCloseable {

    /** One result per line image, in input order. */
    List<RecognizedText> recognize(List<BgrImage> lineImages);

    @Override
    void close();
}
