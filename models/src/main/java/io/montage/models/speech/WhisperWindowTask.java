package io.montage.models.speech;

import io.montage.models.batching.BatchTask;
import java.util.List;

/**
 * Whisper windows for the {@code DynamicBatcher}: log-mel on the caller's thread, one encoder and one
 * generation call per batch of windows from any clips and callers.
 */
final class WhisperWindowTask implements BatchTask<WindowRequest, PreparedWindow, WindowTranscript, WindowTranscript> {

    private final WhisperWindowDecoder decoder;

    WhisperWindowTask(WhisperWindowDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public PreparedWindow prepare(WindowRequest input) {
        return decoder.prepare(input);
    }

    @Override
    public List<WindowTranscript> run(List<PreparedWindow> batch) {
        return decoder.decodePrepared(batch);
    }

    @Override
    public WindowTranscript finish(WindowRequest input, WindowTranscript raw) {
        return raw;
    }
}
