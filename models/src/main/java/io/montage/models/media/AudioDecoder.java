package io.montage.models.media;

/** Decodes the audio of an upload (audio file or video sound track) for the speech models. Thread-safe. */
public interface AudioDecoder {

    /** The rate every decoder output has: what Whisper and Silero VAD expect. */
    int SAMPLE_RATE = 16_000;

    /** The whole stream as mono float PCM at {@link #SAMPLE_RATE}, samples in [-1, 1]. */
    float[] decodeMono16k(byte[] data) throws MediaRejectedException;
}
