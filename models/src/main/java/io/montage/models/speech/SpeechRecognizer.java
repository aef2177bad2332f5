package io.montage.models.speech;

import java.util.List;

/** Turns speech in 16 kHz mono audio into a timed transcript. */
public interface SpeechRecognizer extends AutoCloseable {

    Transcription transcribe(float[] mono16k, TranscriptionOptions options);

    default Transcription transcribe(float[] mono16k) {
        return transcribe(mono16k, TranscriptionOptions.defaults());
    }

    /** Several clips at once; implementations batch their windows together. Results in input order. */
    List<Transcription> transcribeAll(List<float[]> clips, TranscriptionOptions options);

    String modelId();

    @Override
    void close();
}
