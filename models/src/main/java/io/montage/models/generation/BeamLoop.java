package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search for a batch: input {@code i} owns rows {@code i*n .. i*n+n-1}. Each step keeps the {@code 2n}
 * best (beam, token) candidates of an input; end-of-sequence candidates ranked within the first {@code n}
 * become finished hypotheses, the others the next beams. Reordered beams take their KV cache rows along.
 */
final class BeamLoop {

    private record Candidate(int row, int token, double sumLogProb) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::sumLogProb).reversed()
            .thenComparingInt(Candidate::row).thenComparingInt(Candidate::token);

    private BeamLoop() {
    }

    static List<GeneratedSequence> run(MergedDecoder decoder, OnnxTensor beamEncoderStates, List<long[]> prompts,
                                       GenerationConfig config, BeamSearch search) throws OrtException {
        int n = search.numBeams();
        int items = prompts.size();
        int rows = items * n;
        int promptLength = prompts.get(0).length;
        long[][] histories = new long[rows][];
        double[] beamSums = new double[rows];
        for (int r = 0; r < rows; r++) {
            histories[r] = prompts.get(r / n).clone();
            // identical beams at the start: only the first may expand, or the search returns n copies
            beamSums[r] = r % n == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        BeamHypotheses[] finished = new BeamHypotheses[items];
        Arrays.setAll(finished, i -> new BeamHypotheses(search));
        boolean[] done = new boolean[items];
        float[][] promptLogits = new float[items][0];
        long[][] stepTokens = histories;
        try (KvCache cache = decoder.emptyCache(rows)) {
            for (int step = 0; step < config.maxNewTokens(); step++) {
                try (DecoderSteps.Ran ran = DecoderSteps.run(decoder, beamEncoderStates, cache, stepTokens, histories, config.useCache())) {
                    StepLogits logits = ran.logits();
                    if (step == 0 && config.promptLogitsPosition() >= 0) {
                        for (int i = 0; i < items; i++) {
                            promptLogits[i] = logits.row(i * n, config.promptLogitsPosition());
                        }
                    }
                    int[] order = new int[rows];
                    long[] next = new long[rows];
                    double[] nextSums = new double[rows];
                    for (int i = 0; i < items; i++) {
                        if (done[i]) {
                            for (int k = 0; k < n; k++) {
                                order[i * n + k] = i * n + k;
                                next[i * n + k] = config.padTokenId();
                            }
                            continue;
                        }
                        List<Candidate> candidates = candidates(logits, histories, beamSums, i, n, promptLength, config);
                        int filled = 0;
                        for (int rank = 0; rank < candidates.size() && filled < n; rank++) {
                            Candidate c = candidates.get(rank);
                            if (c.token() == config.eosTokenId()) {
                                if (rank < n) {
                                    finished[i].add(generated(histories[c.row()], promptLength), FinishReason.END_OF_SEQUENCE, c.sumLogProb());
                                }
                                continue;
                            }
                            int row = i * n + filled++;
                            order[row] = c.row();
                            next[row] = c.token();
                            nextSums[row] = c.sumLogProb();
                        }
                        for (; filled < n; filled++) { // a vocabulary almost wholly forbidden: pad the spare beams out of contention
                            int row = i * n + filled;
                            order[row] = i * n;
                            next[row] = config.padTokenId();
                            nextSums[row] = Double.NEGATIVE_INFINITY;
                        }
                        done[i] = finished[i].isDone(nextSums[i * n], step + 2);
                    }
                    long[][] nextHistories = new long[rows][];
                    for (int r = 0; r < rows; r++) {
                        nextHistories[r] = GreedyLoop.append(histories[order[r]], next[r]);
                    }
                    histories = nextHistories;
                    beamSums = nextSums;
                    ran.commit(isIdentity(order) ? null : order);
                    stepTokens = new long[rows][];
                    for (int r = 0; r < rows; r++) {
                        stepTokens[r] = new long[] {next[r]};
                    }
                    if (allTrue(done)) {
                        break;
                    }
                }
            }
        }
        List<GeneratedSequence> out = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            if (!done[i]) {
                for (int k = 0; k < n; k++) {
                    int row = i * n + k;
                    if (beamSums[row] > Double.NEGATIVE_INFINITY) {
                        finished[i].add(generated(histories[row], promptLength), FinishReason.MAX_NEW_TOKENS, beamSums[row]);
                    }
                }
            }
            if (finished[i].isEmpty()) { // every continuation was forbidden
                out.add(new GeneratedSequence(new long[0], FinishReason.MAX_NEW_TOKENS, Double.NEGATIVE_INFINITY, promptLogits[i]));
                continue;
            }
            BeamHypotheses.Hypothesis best = finished[i].best();
            out.add(new GeneratedSequence(best.tokens(), best.finishReason(), best.sumLogProb(), promptLogits[i]));
        }
        return out;
    }

    /** The 2n best continuations of input {@code item} over all its beams. */
    private static List<Candidate> candidates(StepLogits logits, long[][] histories, double[] beamSums, int item, int n,
                                              int promptLength, GenerationConfig config) {
        List<Candidate> best = new ArrayList<>(2 * n * n);
        for (int k = 0; k < n; k++) {
            int row = item * n + k;
            float[] scores = logits.last(row);
            config.applyProcessors(new TokenHistory(histories[row], promptLength), scores);
            double norm = LogProbabilities.logSumExp(scores, 0, scores.length);
            for (int token : topTokens(scores, 2 * n)) {
                best.add(new Candidate(row, token, beamSums[row] + (scores[token] - norm)));
            }
        }
        best.sort(BEST_FIRST);
        return best.subList(0, Math.min(2 * n, best.size()));
    }

    /** Indices of the {@code count} largest values, largest first, lower index first on ties. */
    static int[] topTokens(float[] values, int count) {
        int[] top = new int[Math.min(count, values.length)];
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (size == top.length && !(values[i] > values[top[size - 1]])) {
                continue;
            }
            int at = size < top.length ? size++ : size - 1;
            while (at > 0 && values[i] > values[top[at - 1]]) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
        }
        return Arrays.copyOf(top, size);
    }

    private static long[] generated(long[] history, int promptLength) {
        return Arrays.copyOfRange(history, promptLength, history.length);
    }

    private static boolean isIdentity(int[] order) {
        for (int r = 0; r < order.length; r++) {
            if (order[r] != r) {
                return false;
            }
        }
        return true;
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }
}
