package io.montage.models.generation;

/**
 * Forbids tokens at the first generated position only: generation_config.json
 * {@code begin_suppress_tokens}. Whisper passes {@code [220 " ", eos]} so that a transcript neither starts
 * blank nor ends at once (docs/model-exports.md §1.7).
 */
public record SuppressTokensAtBegin(long[] tokenIds) implements LogitsProcessor {

    public SuppressTokensAtBegin {
        tokenIds = tokenIds.clone();
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        if (history.generatedCount() == 0) {
            new SuppressTokens(tokenIds).process(history, logits);
        }
    }
}
