package io.montage.models.speech;

/** What Whisper does with the speech: write it down, or translate it into English. */
public enum WhisperTask {
    TRANSCRIBE,
    TRANSLATE
}
