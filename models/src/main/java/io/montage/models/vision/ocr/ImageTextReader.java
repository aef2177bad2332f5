package io.montage.models.vision.ocr;

import java.awt.image.BufferedImage;

/** Reads all the text in an image: detection, then recognition of each line. Thread-safe. */
public interface ImageTextReader extends AutoCloseable {

    ImageText read(BufferedImage image);

    /** Catalog id of the model that read the text, for the output record. */
    String modelId();

    @Override
    void close();
}
