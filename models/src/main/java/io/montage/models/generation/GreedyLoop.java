package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding of a batch, or sampling ({@link SampledSearch}); a row that has produced end-of-sequence is fed
 * padding and no longer grows.
 */
final class GreedyLoop {

    private GreedyLoop() {}

    static List<GeneratedSequence> run(
            MergedDecoder decoder, OnnxTensor encoderStates, List<long[]> prompts, GenerationConfig config)
            throws OrtException {
        int rows = prompts.size();
        int promptLength = prompts.get(0).length;
        long[][] histories = prompts.toArray(long[][]::new);
        FinishReason[] finish = new FinishReason[rows];
        double[] sumLogProb = new double[rows];
        float[][] promptLogits = new float[rows][0];
        long[][] stepTokens = histories;
        SampledSearch sampled = config.search() instanceof SampledSearch s ? s : null;
        java.util.SplittableRandom[] randoms = new java.util.SplittableRandom[rows];
        for (int r = 0; sampled != null && r < rows; r++) {
            randoms[r] = sampled.random(r);
        }
        try (KvCache cache = decoder.emptyCache(rows)) {
            for (int step = 0; step < config.maxNewTokens(); step++) {
                StepLogits logits;
                try (DecoderSteps.Ran ran =
                        DecoderSteps.run(decoder, encoderStates, cache, stepTokens, histories, config.useCache())) {
                    logits = ran.logits();
                    ran.commit(null);
                }
                if (step == 0 && config.promptLogitsPosition() >= 0) {
                    for (int r = 0; r < rows; r++) {
                        promptLogits[r] = logits.row(r, config.promptLogitsPosition());
                    }
                }
                long[] chosen = new long[rows];
                boolean running = false;
                for (int r = 0; r < rows; r++) {
                    if (finish[r] != null) {
                        chosen[r] = config.padTokenId();
                        continue;
                    }
                    float[] row = logits.last(r);
                    config.applyProcessors(new TokenHistory(histories[r], promptLength), row);
                    int token = sampled == null ? LogProbabilities.argMax(row) : sampled.draw(row, randoms[r]);
                    sumLogProb[r] += row[token] - LogProbabilities.logSumExp(row, 0, row.length);
                    chosen[r] = token;
                    if (token == config.eosTokenId()) {
                        finish[r] = FinishReason.END_OF_SEQUENCE;
                    } else {
                        histories[r] = append(histories[r], token);
                        running = true;
                    }
                }
                if (!running) {
                    break;
                }
                stepTokens = new long[rows][];
                for (int r = 0; r < rows; r++) {
                    stepTokens[r] = new long[] {chosen[r]};
                }
            }
        }
        List<GeneratedSequence> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(new GeneratedSequence(
                    Arrays.copyOfRange(histories[r], promptLength, histories[r].length),
                    finish[r] == null ? FinishReason.MAX_NEW_TOKENS : finish[r],
                    sumLogProb[r],
                    promptLogits[r]));
        }
        return out;
    }

    static long[] append(long[] tokens, long token) {
        long[] out = Arrays.copyOf(tokens, tokens.length + 1);
        out[tokens.length] = token;
        return out;
    }
}
