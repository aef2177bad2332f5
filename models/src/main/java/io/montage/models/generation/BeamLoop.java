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
 * One instance per call.
 */
final class BeamLoop {

    private record Candidate(int row, int token, double sumLogProb) {}

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::sumLogProb)
            .reversed()
            .thenComparingInt(Candidate::row)
            .thenComparingInt(Candidate::token);

    private final GenerationConfig config;
    private final int n;
    private final int items;
    private final int rows;
    private final int promptLength;
    private final BeamHypotheses[] finished;
    private final boolean[] done;
    private final float[][] promptLogits;
    private long[][] histories;
    private double[] beamSums;

    private BeamLoop(List<long[]> prompts, GenerationConfig config, BeamSearch search) {
        this.config = config;
        this.n = search.numBeams();
        this.items = prompts.size();
        this.rows = items * n;
        this.promptLength = prompts.get(0).length;
        this.histories = new long[rows][];
        this.beamSums = new double[rows];
        for (int r = 0; r < rows; r++) {
            histories[r] = prompts.get(r / n).clone();
            // identical beams at the start: only the first may expand, or the search returns n copies
            beamSums[r] = r % n == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        this.finished = new BeamHypotheses[items];
        Arrays.setAll(finished, i -> new BeamHypotheses(search));
        this.done = new boolean[items];
        this.promptLogits = new float[items][0];
    }

    static List<GeneratedSequence> run(
            MergedDecoder decoder,
            OnnxTensor beamEncoderStates,
            List<long[]> prompts,
            GenerationConfig config,
            BeamSearch search)
            throws OrtException {
        BeamLoop loop = new BeamLoop(prompts, config, search);
        long[][] stepTokens = loop.histories;
        try (KvCache cache = decoder.emptyCache(loop.rows)) {
            for (int step = 0; step < config.maxNewTokens() && !loop.allDone(); step++) {
                try (DecoderSteps.Ran ran = DecoderSteps.run(
                        decoder, beamEncoderStates, cache, stepTokens, loop.histories, config.useCache())) {
                    if (step == 0) {
                        loop.capturePromptLogits(ran.logits());
                    }
                    int[] order = loop.advance(ran.logits(), step);
                    ran.commit(isIdentity(order) ? null : order);
                }
                stepTokens = loop.newestTokens();
            }
        }
        return loop.results();
    }

    private void capturePromptLogits(StepLogits logits) {
        if (config.promptLogitsPosition() >= 0) {
            for (int i = 0; i < items; i++) {
                promptLogits[i] = logits.row(i * n, config.promptLogitsPosition());
            }
        }
    }

    /** Chooses every input's next beams; returns, for each new row, the old row it continues. */
    private int[] advance(StepLogits logits, int step) {
        int[] order = new int[rows];
        long[] next = new long[rows];
        double[] nextSums = new double[rows];
        for (int i = 0; i < items; i++) {
            if (done[i]) {
                for (int r = i * n; r < (i + 1) * n; r++) {
                    order[r] = r;
                    next[r] = config.padTokenId();
                }
                continue;
            }
            chooseBeams(i, candidates(logits, i), order, next, nextSums);
            // transformers _check_early_stop_heuristic: the best running beam at its current generated length
            // (cur_len - decoder_prompt_len after the step), not the length it would have if it ended next step
            done[i] = finished[i].isDone(nextSums[i * n], step + 1);
        }
        long[][] nextHistories = new long[rows][];
        for (int r = 0; r < rows; r++) {
            nextHistories[r] = GreedyLoop.append(histories[order[r]], next[r]);
        }
        histories = nextHistories;
        beamSums = nextSums;
        return order;
    }

    private void chooseBeams(int item, List<Candidate> candidates, int[] order, long[] next, double[] nextSums) {
        int filled = 0;
        for (int rank = 0; rank < candidates.size() && filled < n; rank++) {
            Candidate c = candidates.get(rank);
            if (c.token() == config.eosTokenId()) {
                if (rank < n) {
                    finished[item].add(generated(histories[c.row()]), FinishReason.END_OF_SEQUENCE, c.sumLogProb());
                }
                continue;
            }
            int row = item * n + filled++;
            order[row] = c.row();
            next[row] = c.token();
            nextSums[row] = c.sumLogProb();
        }
        for (; filled < n; filled++) { // a vocabulary almost wholly forbidden: spare beams are padded out of contention
            int row = item * n + filled;
            order[row] = item * n;
            next[row] = config.padTokenId();
            nextSums[row] = Double.NEGATIVE_INFINITY;
        }
    }

    /** The 2n best continuations of input {@code item} over all its beams. */
    private List<Candidate> candidates(StepLogits logits, int item) {
        List<Candidate> best = new ArrayList<>(2 * n * n);
        for (int row = item * n; row < (item + 1) * n; row++) {
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

    private long[][] newestTokens() {
        long[][] tokens = new long[rows][];
        for (int r = 0; r < rows; r++) {
            tokens[r] = new long[] {histories[r][histories[r].length - 1]};
        }
        return tokens;
    }

    /** Best hypothesis per input; inputs cut off by the length limit rank their running beams too. */
    private List<GeneratedSequence> results() {
        List<GeneratedSequence> out = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            if (!done[i]) {
                for (int row = i * n; row < (i + 1) * n; row++) {
                    if (beamSums[row] > Double.NEGATIVE_INFINITY) {
                        finished[i].add(generated(histories[row]), FinishReason.MAX_NEW_TOKENS, beamSums[row]);
                    }
                }
            }
            if (finished[i].isEmpty()) { // every continuation was forbidden
                out.add(new GeneratedSequence(
                        new long[0], FinishReason.MAX_NEW_TOKENS, Double.NEGATIVE_INFINITY, promptLogits[i]));
                continue;
            }
            BeamHypotheses.Hypothesis best = finished[i].best();
            out.add(new GeneratedSequence(best.tokens(), best.finishReason(), best.sumLogProb(), promptLogits[i]));
        }
        return out;
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

    private long[] generated(long[] history) {
        return Arrays.copyOfRange(history, promptLength, history.length);
    }

    private boolean allDone() {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentity(int[] order) {
        for (int r = 0; r < order.length; r++) {
            if (order[r] != r) {
                return false;
            }
        }
        return true;
    }
}
