package io.montage.models.speech;

/**
 * Whisper's decoder start tokens (docs/model-exports.md §1.7, transformers.js {@code _retrieve_init_tokens}):
 * {@code .en}: {@code <|startoftranscript|> [<|notimestamps|>]}; multilingual:
 * {@code <|startoftranscript|> <|lang|> <|transcribe|>|<|translate|> [<|notimestamps|>]}.
 * Timestamps on drops {@code <|notimestamps|>}.
 */
public final class WhisperPrompt {

    private WhisperPrompt() {}

    /**
     * @param language ignored (must be null or "en") for English-only models
     * @throws IllegalArgumentException for a task or another language on an English-only model, or an unknown code
     */
    public static long[] of(WhisperTokens tokens, String language, WhisperTask task, boolean timestamps) {
        long sot = tokens.startOfTranscript();
        if (tokens.englishOnly()) {
            if (task == WhisperTask.TRANSLATE || (language != null && !language.equals("en"))) {
                throw new IllegalArgumentException(
                        "an English-only (.en) Whisper model neither translates nor takes language '" + language
                                + "'; use a multilingual model (whisper-base)");
            }
            return timestamps ? new long[] {sot} : new long[] {sot, tokens.noTimestamps()};
        }
        long lang = tokens.languageToken(language == null ? "en" : language)
                .orElseThrow(() -> new IllegalArgumentException(
                        "Whisper has no language '" + language + "'; codes are " + tokens.languages()));
        long taskToken = task == WhisperTask.TRANSLATE ? tokens.translate() : tokens.transcribe();
        return timestamps
                ? new long[] {sot, lang, taskToken}
                : new long[] {sot, lang, taskToken, tokens.noTimestamps()};
    }
}
