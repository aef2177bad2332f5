package io.montage.models.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.generation.BeamSearch;
import io.montage.models.generation.GreedySearch;
import io.montage.models.generation.SearchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How Whisper decodes, from the model's generation_config.json where it has one.
 *
 * @param maxNewTokens             per window; openai/whisper decoding.py {@code sample_len} default is half the
 *                                 448-token context (config.json {@code max_target_positions})
 * @param suppressTokens           generation_config.json {@code suppress_tokens}: forbidden at every step
 * @param beginSuppressTokens      {@code begin_suppress_tokens}: forbidden as the first token ([220, eos], eos the
 *                                 tokenizer's own end-of-text whatever the config says)
 * @param maxInitialTimestampIndex {@code max_initial_timestamp_index}: 50 = 1.0 s
 * @param fallback                 re-decoding at higher temperatures when a window loops or scores low
 *                                 (openai/whisper transcribe.py defaults)
 */
public record WhisperDecodingSettings(
        SearchStrategy search,
        int maxNewTokens,
        long[] suppressTokens,
        long[] beginSuppressTokens,
        int maxInitialTimestampIndex,
        TemperatureFallback fallback) {

    /** config.json max_target_positions: the decoder's whole context, prompt included. */
    public static final int MAX_TARGET_POSITIONS = 448;
    /** openai/whisper decoding.py: sample_len defaults to n_text_ctx // 2. */
    public static final int DEFAULT_MAX_NEW_TOKENS = MAX_TARGET_POSITIONS / 2;
    /** The " " token: openai/whisper decoding.py SuppressBlank, generation_config.json begin_suppress_tokens. */
    static final long BLANK = 220;

    public WhisperDecodingSettings {
        suppressTokens = suppressTokens.clone();
        beginSuppressTokens = beginSuppressTokens.clone();
        java.util.Objects.requireNonNull(fallback, "fallback");
        if (maxNewTokens < 1 || maxNewTokens > MAX_TARGET_POSITIONS - 4) {
            throw new IllegalArgumentException("maxNewTokens must be 1.." + (MAX_TARGET_POSITIONS - 4)
                    + " (448-token context less the prompt), got " + maxNewTokens);
        }
    }

    /**
     * Greedy, 224 new tokens, begin-suppress [220, eos], nothing else suppressed, first timestamp ≤ 1.0 s, openai's
     * temperature fallback.
     */
    public static WhisperDecodingSettings defaults(WhisperTokens tokens) {
        return new WhisperDecodingSettings(
                new GreedySearch(),
                DEFAULT_MAX_NEW_TOKENS,
                new long[0],
                new long[] {BLANK, tokens.endOfText()},
                WhisperTimestampRules.DEFAULT_MAX_INITIAL_TIMESTAMP_INDEX,
                TemperatureFallback.openaiDefaults());
    }

    /** Reads suppress_tokens, begin_suppress_tokens, max_initial_timestamp_index and num_beams; absent keys keep the defaults. */
    public static WhisperDecodingSettings fromGenerationConfig(Path generationConfig, WhisperTokens tokens) {
        WhisperDecodingSettings d = defaults(tokens);
        if (generationConfig == null || !Files.isRegularFile(generationConfig)) {
            return d;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(generationConfig.toFile());
            int beams = root.path("num_beams").asInt(1);
            return new WhisperDecodingSettings(
                    beams > 1 ? BeamSearch.of(beams) : d.search(),
                    d.maxNewTokens(),
                    ids(root.path("suppress_tokens"), d.suppressTokens()),
                    withTokenizersEndOfText(ids(root.path("begin_suppress_tokens"), d.beginSuppressTokens()), tokens),
                    root.path("max_initial_timestamp_index").asInt(d.maxInitialTimestampIndex()),
                    d.fallback());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + generationConfig + ": " + e.getMessage(), e);
        }
    }

    public WhisperDecodingSettings withSearch(SearchStrategy newSearch) {
        return new WhisperDecodingSettings(
                newSearch, maxNewTokens, suppressTokens, beginSuppressTokens, maxInitialTimestampIndex, fallback);
    }

    public WhisperDecodingSettings withMaxNewTokens(int max) {
        return new WhisperDecodingSettings(
                search, max, suppressTokens, beginSuppressTokens, maxInitialTimestampIndex, fallback);
    }

    public WhisperDecodingSettings withFallback(TemperatureFallback newFallback) {
        return new WhisperDecodingSettings(
                search, maxNewTokens, suppressTokens, beginSuppressTokens, maxInitialTimestampIndex, newFallback);
    }

    /**
     * begin_suppress_tokens as openai/whisper's SuppressBlank means them: [" ", eot] with the tokenizer's own
     * end-of-text id. Some configs name the other layout's one (openai/whisper-large-v3-turbo config.json has
     * [220, 50256] in a multilingual vocabulary, where 50256 is ordinary text and 50257 ends it): that entry is
     * replaced, so the first token can never be end-of-text and an ordinary token is not banned by mistake.
     */
    static long[] withTokenizersEndOfText(long[] configured, WhisperTokens tokens) {
        java.util.Set<Long> otherEndsOfText = new java.util.HashSet<>();
        for (WhisperVocabulary layout : WhisperVocabulary.values()) {
            otherEndsOfText.add(layout.endOfText());
        }
        otherEndsOfText.remove(tokens.endOfText());
        java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>();
        for (long id : configured) {
            ids.add(otherEndsOfText.contains(id) ? tokens.endOfText() : id);
        }
        ids.add(tokens.endOfText());
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] ids(JsonNode array, long[] fallback) {
        if (!array.isArray()) {
            return fallback;
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
