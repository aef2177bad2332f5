package io.montage.models.generation;

/**
 * Beam search over {@code numBeams} hypotheses per input.
 *
 * @param numBeams      beams kept per input; 1 with {@code earlyStopping} is greedy search
 * @param lengthPenalty a finished hypothesis scores {@code sumLogProb / length^lengthPenalty} (length counts the
 *                      end-of-sequence token); above 0 favours longer output
 * @param earlyStopping stop an input as soon as it has {@code numBeams} finished hypotheses; otherwise stop once
 *                      no running beam's normalised score at its current length beats the worst kept hypothesis
 *                      (transformers' heuristic: exact for lengthPenalty 0, approximate otherwise)
 */
public record BeamSearch(int numBeams, double lengthPenalty, boolean earlyStopping) implements SearchStrategy {

    public BeamSearch {
        if (numBeams < 1) {
            throw new IllegalArgumentException("beam search needs numBeams >= 1, got " + numBeams);
        }
    }

    /** transformers' defaults: length penalty 1.0, no early stopping. */
    public static BeamSearch of(int numBeams) {
        return new BeamSearch(numBeams, 1.0, false);
    }
}
