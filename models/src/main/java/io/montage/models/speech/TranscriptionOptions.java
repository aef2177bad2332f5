package io.montage.models.speech;

/**
 * @param task         transcribe, or translate into English (multilingual models only)
 * @param languageHint ISO code to decode in, skipping detection; null to detect per window
 * @param timestamps   decode timestamp tokens into timed segments; off gives one segment per window
 */
public record TranscriptionOptions(WhisperTask task, String languageHint, boolean timestamps) {

    public static TranscriptionOptions defaults() {
        return new TranscriptionOptions(WhisperTask.TRANSCRIBE, null, true);
    }

    public TranscriptionOptions withLanguage(String code) {
        return new TranscriptionOptions(task, code, timestamps);
    }

    public TranscriptionOptions withTask(WhisperTask newTask) {
        return new TranscriptionOptions(newTask, languageHint, timestamps);
    }

    public TranscriptionOptions withTimestamps(boolean on) {
        return new TranscriptionOptions(task, languageHint, on);
    }
}
