package io.montage.models.generation;

/**
 * One input's generated output.
 *
 * @param tokens       generated tokens, without the prompt and without the end-of-sequence token
 * @param finishReason why it stopped
 * @param sumLogProb   sum of the chosen tokens' log-probabilities after the logits processors (the
 *                     end-of-sequence token included)
 * @param promptLogits raw logits at {@link GenerationConfig#promptLogitsPosition()} of the prompt (before any
 *                     processor), or an empty array when none was asked for
 */
public record GeneratedSequence(long[] tokens, FinishReason finishReason, double sumLogProb, float[] promptLogits) {

    /** Scored tokens: the generated ones plus the end-of-sequence token when there was one. */
    public int scoredLength() {
        return tokens.length + (finishReason == FinishReason.END_OF_SEQUENCE ? 1 : 0);
    }

    /** Mean log-probability per scored token (openai/whisper decoding.py's avg_logprob); 0 for nothing scored. */
    public double avgLogProb() {
        int n = scoredLength();
        return n == 0 ? 0 : sumLogProb / n;
    }
}
