package io.montage.models.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best finished hypotheses of one input, at most {@code numBeams}, ranked by length-normalised score. Lengths are
 * transformers' (generation/utils.py {@code _update_finished_beams}): {@code cur_len + 1 - decoder_prompt_len}, the
 * generated tokens with the end-of-sequence token that finished them and without the prompt.
 */
final class BeamHypotheses {

    record Hypothesis(long[] tokens, FinishReason finishReason, double sumLogProb, double score) {}

    private final BeamSearch search;
    private final List<Hypothesis> kept = new ArrayList<>();

    BeamHypotheses(BeamSearch search) {
        this.search = search;
    }

    void add(long[] generated, FinishReason reason, double sumLogProb) {
        int length = generated.length + (reason == FinishReason.END_OF_SEQUENCE ? 1 : 0);
        double score = sumLogProb / Math.pow(Math.max(length, 1), search.lengthPenalty());
        if (kept.size() == search.numBeams() && score <= worstScore()) {
            return;
        }
        kept.add(new Hypothesis(generated, reason, sumLogProb, score));
        kept.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        if (kept.size() > search.numBeams()) {
            kept.remove(kept.size() - 1);
        }
    }

    /**
     * transformers' early-stop heuristic for {@code early_stopping=False}: no running beam can still beat the worst
     * kept hypothesis, judged at the running beam's current length.
     *
     * @param bestRunningSum the best running beam's summed log-probability
     * @param runningLength  its generated tokens so far (transformers: {@code cur_len - decoder_prompt_len})
     */
    boolean isDone(double bestRunningSum, int runningLength) {
        if (kept.size() < search.numBeams()) {
            return false;
        }
        if (search.earlyStopping()) {
            return true;
        }
        return bestRunningSum / Math.pow(runningLength, search.lengthPenalty()) <= worstScore();
    }

    Hypothesis best() {
        return kept.get(0);
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    private double worstScore() {
        return kept.get(kept.size() - 1).score();
    }
}
