package io.montage.models.media;

import java.awt.image.BufferedImage;

/** Decodes an image (or a video's first frame) for the vision models. Thread-safe. */
public interface ImageDecoder {

    /**
     * Decodes to a {@link BufferedImage#TYPE_3BYTE_BGR} image, the layout FFmpeg's BGR24 output
     * maps to without conversion. The pixel limit is checked from the header before decoding.
     */
    BufferedImage decode(byte[] data) throws MediaRejectedException;
}
