package io.montage.models.speech;

import java.util.List;

/** Decodes windows of at most 30 s of 16 kHz mono audio, all in one batch. */
public interface WindowDecoder {

    /** Whisper's window: 30 s (openai/whisper audio.py CHUNK_LENGTH). */
    long MAX_WINDOW_MICROS = 30_000_000;

    List<WindowTranscript> decode(List<float[]> windows, TranscriptionOptions options);
}
