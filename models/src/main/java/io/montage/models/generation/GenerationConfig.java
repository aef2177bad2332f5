package io.montage.models.generation;

import java.util.List;

/**
 * What to generate and how.
 *
 * @param search               greedy or beam search
 * @param maxNewTokens         stop after this many generated tokens (the end-of-sequence token included)
 * @param eosTokenId           generation_config.json {@code eos_token_id}
 * @param padTokenId           fed for sequences that have finished while others in the batch go on
 * @param processors           applied in order before every choice
 * @param useCache             feed the KV cache back (normal); {@code false} re-runs the whole sequence every step
 *                             through the no-cache branch, the reference the cached path must equal
 * @param promptLogitsPosition a prompt position whose raw logits to return with each sequence (Whisper's
 *                             no-speech probability is read at {@code <|startoftranscript|>}), or -1
 */
public record GenerationConfig(
        SearchStrategy search,
        int maxNewTokens,
        long eosTokenId,
        long padTokenId,
        List<LogitsProcessor> processors,
        boolean useCache,
        int promptLogitsPosition) {

    public GenerationConfig {
        processors = List.copyOf(processors);
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        }
    }

    /** Greedy, cached, no processors, pad = eos. */
    public static GenerationConfig greedy(int maxNewTokens, long eosTokenId) {
        return new GenerationConfig(new GreedySearch(), maxNewTokens, eosTokenId, eosTokenId, List.of(), true, -1);
    }

    public GenerationConfig withSearch(SearchStrategy newSearch) {
        return new GenerationConfig(
                newSearch, maxNewTokens, eosTokenId, padTokenId, processors, useCache, promptLogitsPosition);
    }

    public GenerationConfig withProcessors(List<LogitsProcessor> newProcessors) {
        return new GenerationConfig(
                search, maxNewTokens, eosTokenId, padTokenId, newProcessors, useCache, promptLogitsPosition);
    }

    public GenerationConfig withCache(boolean cache) {
        return new GenerationConfig(
                search, maxNewTokens, eosTokenId, padTokenId, processors, cache, promptLogitsPosition);
    }

    public GenerationConfig withMaxNewTokens(int max) {
        return new GenerationConfig(search, max, eosTokenId, padTokenId, processors, useCache, promptLogitsPosition);
    }

    public GenerationConfig withPromptLogitsAt(int position) {
        return new GenerationConfig(search, maxNewTokens, eosTokenId, padTokenId, processors, useCache, position);
    }

    void applyProcessors(TokenHistory history, float[] logits) {
        for (LogitsProcessor p : processors) {
            p.process(history, logits);
        }
    }
}
