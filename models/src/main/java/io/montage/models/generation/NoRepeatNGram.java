package io.montage.models.generation;

import java.util.Arrays;

/**
 * Forbids any token that would repeat an n-gram already present in the generated text
 * (generation_config.json {@code no_repeat_ngram_size}; Florence-2 uses 3). Only generated tokens count,
 * not the prompt.
 */
public record NoRepeatNGram(int size) implements LogitsProcessor {

    public NoRepeatNGram {
        if (size < 1) {
            throw new IllegalArgumentException("no-repeat n-gram size must be >= 1, got " + size);
        }
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        int generated = history.generatedCount();
        if (generated + 1 < size) {
            return;
        }
        long[] tokens = Arrays.copyOfRange(history.tokens(), history.promptLength(), history.tokens().length);
        int prefixStart = generated - (size - 1);
        for (int start = 0; start + size - 1 < generated; start++) {
            if (Arrays.equals(tokens, start, start + size - 1, tokens, prefixStart, generated)) {
                long banned = tokens[start + size - 1];
                if (banned >= 0 && banned < logits.length) {
                    logits[(int) banned] = Float.NEGATIVE_INFINITY;
                }
            }
        }
    }
}
