package io.montage.models.media;

import java.awt.image.BufferedImage;

/** Splits a video clip into pictures at a fixed rate, for the scene stage. Thread-safe. */
public interface VideoFrames {

    /** Receives each sampled picture, in presentation order. */
    @FunctionalInterface
    interface Sink {
        void accept(long ptsMicros, long frameIndex, BufferedImage picture);
    }

    /**
     * Decodes the clip and hands the first picture at or after each multiple of {@code 1/fps}
     * seconds to {@code sink}, as a {@code TYPE_3BYTE_BGR} image that outlives the decoder.
     *
     * @return how many pictures were decoded in all (sampled or not)
     */
    long sample(byte[] clip, double fps, Sink sink) throws MediaRejectedException;
}
