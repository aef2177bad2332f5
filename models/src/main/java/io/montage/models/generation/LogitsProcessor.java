package io.montage.models.generation;

/**
 * Edits one sequence's next-token logits in place before the search picks a token: the seam for
 * model-specific rules (suppressed tokens, forced tokens, Whisper's timestamp rules, no-repeat n-grams).
 * Processors run in list order on every unfinished sequence (every beam) at every step. Set a logit to
 * {@link Float#NEGATIVE_INFINITY} to forbid a token.
 */
@FunctionalInterface
public interface LogitsProcessor {

    void process(TokenHistory history, float[] logits);

    /** Forbids the ids in {@code [from, to)} (clamped to the vocabulary). */
    static void forbidRange(float[] logits, long from, long to) {
        int start = (int) Math.max(0, Math.min(from, logits.length));
        int end = (int) Math.max(start, Math.min(to, logits.length));
        java.util.Arrays.fill(logits, start, end, Float.NEGATIVE_INFINITY);
    }
}
