package io.montage.models.generation;

import java.util.SplittableRandom;

/**
 * One token drawn at every step from softmax(logits / temperature), as openai/whisper decoding.py's GreedyDecoder
 * does for temperature &gt; 0 ({@code Categorical(logits=logits / temperature).sample()}). The scored
 * log-probabilities stay those of the untempered processed logits, as there.
 *
 * <p>Draws are reproducible: row {@code r} of a call draws from a generator seeded with {@code seed} and {@code r}.
 * A caller whose results must not depend on batch composition generates one row per call with a seed of its own
 * (Whisper's fallback seeds with a hash of the window's log-mel).
 *
 * @param temperature above 0; 1 samples the model's own distribution
 */
public record SampledSearch(double temperature, long seed) implements SearchStrategy {

    public SampledSearch {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("sampling needs a finite temperature above 0, got " + temperature
                    + "; use GreedySearch for temperature 0");
        }
    }

    /** The generator row {@code row} of one call draws from. */
    SplittableRandom random(int row) {
        // golden-ratio increment: distinct, well-mixed seeds for neighbouring rows
        return new SplittableRandom(seed + row * 0x9E3779B97F4A7C15L);
    }

    /** Draws a token from softmax(logits / temperature); forbidden ids (-∞) are never drawn. */
    int draw(float[] logits, SplittableRandom random) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return LogProbabilities.argMax(logits);
        }
        double[] cumulative = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            total += Math.exp((logits[i] - max) / temperature);
            cumulative[i] = total;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return LogProbabilities.argMax(logits);
    }
}
