package io.montage.models.speech;

import io.montage.models.generation.LogProbabilities;

/**
 * The language Whisper hears, from the logits after {@code <|startoftranscript|>}: the most probable language
 * token, with its probability among the language tokens only (openai/whisper decoding.py {@code detect_language}
 * masks every other token before the softmax).
 */
public record LanguageDetection(String language, double probability) {

    public static LanguageDetection fromLogits(float[] logitsAfterStartOfTranscript, WhisperTokens tokens) {
        int first = (int) tokens.firstLanguage();
        int end = (int) tokens.lastLanguage() + 1;
        double norm = LogProbabilities.logSumExp(logitsAfterStartOfTranscript, first, end);
        int best = first;
        for (int i = first + 1; i < end; i++) {
            if (logitsAfterStartOfTranscript[i] > logitsAfterStartOfTranscript[best]) {
                best = i;
            }
        }
        return new LanguageDetection(tokens.languageOf(best), Math.exp(logitsAfterStartOfTranscript[best] - norm));
    }
}
