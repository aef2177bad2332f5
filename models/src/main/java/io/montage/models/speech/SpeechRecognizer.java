package io.montage.models.speech;

import io.montage.models.batching.Timed;
import java.util.List;

/** Turns speech in 16 kHz mono audio into a timed transcript. */
public interface SpeechRecognizer extends AutoCloseable {

    Transcription transcribe(float[] mono16k, TranscriptionOptions options);

    default Transcription transcribe(float[] mono16k) {
        return transcribe(mono16k, TranscriptionOptions.defaults());
    }

    /** Several clips at once; implementations batch their windows together. Results in input order. */
    default List<Transcription> transcribeAll(List<float[]> clips, TranscriptionOptions options) {
        return transcribeAllTimed(clips, options).stream().map(Timed::value).toList();
    }

    /**
     * Like {@link #transcribeAll}, with each clip's queue wait, model run time and batch size: a clip
     * is cut into windows that may ride in several model calls, so its timing is that of its windows
     * together ({@link ClipTiming}).
     */
    List<Timed<Transcription>> transcribeAllTimed(List<float[]> clips, TranscriptionOptions options);

    String modelId();

    @Override
    void close();
}
