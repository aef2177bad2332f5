package io.montage.models.generation;

/**
 * Forbids a fixed set of tokens at every step: generation_config.json {@code suppress_tokens}
 * (transformers.js {@code SuppressTokensLogitsProcessor}).
 */
public record SuppressTokens(long[] tokenIds) implements LogitsProcessor {

    public SuppressTokens {
        tokenIds = tokenIds.clone();
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        for (long id : tokenIds) {
            if (id >= 0 && id < logits.length) {
                logits[(int) id] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
