package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Runs the next step either through the KV cache (only the newest tokens) or, for the recompute
 * reference, over every token so far with an empty cache.
 */
final class DecoderSteps {

    private DecoderSteps() {}

    /**
     * A step that has run: its logits, and its presents waiting to become the cache once the search has
     * decided which rows go on (beam search reorders them).
     */
    static final class Ran implements AutoCloseable {
        private final StepLogits logits;
        private final KvCache cache;
        private final int stepLength;
        private OrtSession.Result pending;

        private Ran(StepLogits logits, KvCache cache, int stepLength, OrtSession.Result pending) {
            this.logits = logits;
            this.cache = cache;
            this.stepLength = stepLength;
            this.pending = pending;
        }

        StepLogits logits() {
            return logits;
        }

        /** Hands the presents to the cache; {@code rowOrder[r]} is the row that new row {@code r} continues, null for identity. */
        void commit(int[] rowOrder) throws OrtException {
            if (pending != null) {
                OrtSession.Result result = pending;
                pending = null;
                cache.advance(result, stepLength, rowOrder);
            }
        }

        /** Closes the presents if they were never committed (an exception on the way). */
        @Override
        public void close() {
            if (pending != null) {
                pending.close();
                pending = null;
            }
        }
    }

    /**
     * @param stepTokens what a cached step feeds: the prompt on step 1, then each row's newest token
     * @param histories  each row's whole sequence so far, fed by an uncached step (finished rows may be shorter:
     *                   they are padded, their logits ignored)
     */
    static Ran run(
            MergedDecoder decoder,
            OnnxTensor encoderStates,
            KvCache cache,
            long[][] stepTokens,
            long[][] histories,
            boolean useCache)
            throws OrtException {
        if (useCache) {
            OrtSession.Result result = decoder.step(stepTokens, encoderStates, cache);
            try {
                return new Ran(StepLogits.of(result), cache, stepTokens[0].length, result);
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        }
        long[][] padded = padRight(histories);
        try (KvCache fresh = decoder.emptyCache(padded.length);
                OrtSession.Result result = decoder.step(padded, encoderStates, fresh)) {
            return new Ran(StepLogits.of(result), cache, 0, null);
        }
    }

    private static long[][] padRight(long[][] histories) {
        int width = 0;
        for (long[] h : histories) {
            width = Math.max(width, h.length);
        }
        long[][] out = new long[histories.length][];
        for (int r = 0; r < histories.length; r++) {
            // a finished row is padded with its own last token; its logits are never read
            out[r] = java.util.Arrays.copyOf(histories[r], width);
            for (int i = histories[r].length; i < width; i++) {
                out[r][i] = histories[r][histories[r].length - 1];
            }
        }
        return out;
    }
}
