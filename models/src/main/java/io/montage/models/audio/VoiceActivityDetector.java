package io.montage.models.audio;

import java.util.List;

/** Finds where people speak in 16 kHz mono audio, so speech recognition only sees speech. */
public interface VoiceActivityDetector extends AutoCloseable {

    /**
     * The reason to record on a transcript when {@link #detect} finds nothing: callers produce an empty
     * transcript with it instead of asking a recogniser, which would invent text for silence.
     */
    String NO_SPEECH_REASON = "no speech detected";

    /** Speech segments in time order; empty for silence, noise or audio shorter than one window. */
    List<SpeechSegment> detect(float[] mono16k);

    @Override
    void close();
}
