package io.montage.models.vision.caption;

import io.montage.models.generation.BeamSearch;
import io.montage.models.generation.GreedySearch;
import io.montage.models.generation.SearchStrategy;
import java.util.Objects;

/**
 * How a captioner searches for its sentence.
 *
 * @param search            greedy or beam search
 * @param maxNewTokens      generated tokens at most (the end-of-sequence token included)
 * @param noRepeatNGramSize forbid repeating any generated n-gram of this size; 0 for no such rule
 */
public record CaptionSettings(SearchStrategy search, int maxNewTokens, int noRepeatNGramSize) {

    public CaptionSettings {
        Objects.requireNonNull(search, "search");
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        }
        if (noRepeatNGramSize < 0) {
            throw new IllegalArgumentException("noRepeatNGramSize must be >= 0 (0 = off), got " + noRepeatNGramSize);
        }
    }

    /**
     * Xenova/vit-gpt2-image-captioning config.json: {@code num_beams} 1 and {@code max_length} 20 (docs/model-exports.md §2).
     * max_length counts the decoder start token, so 19 new tokens.
     */
    public static CaptionSettings vitGpt2() {
        return new CaptionSettings(new GreedySearch(), 19, 0);
    }

    /**
     * The reference usage's length (microsoft/Florence-2's sample code: {@code max_new_tokens=1024}): the
     * detailed-caption tasks can need hundreds of tokens, and {@code </s>} is forced at the last allowed position, so
     * a lower cap cuts them mid-sentence. The transformers.js example's 100 is a choice for speed, not the model's.
     */
    public static final int FLORENCE_2_MAX_NEW_TOKENS = 1024;

    /**
     * onnx-community/Florence-2-base-ft generation_config.json: {@code num_beams} 3, {@code early_stopping} true,
     * {@code no_repeat_ngram_size} 3, and {@value #FLORENCE_2_MAX_NEW_TOKENS} new tokens at most.
     */
    public static CaptionSettings florence2() {
        return new CaptionSettings(new BeamSearch(3, 1.0, true), FLORENCE_2_MAX_NEW_TOKENS, 3);
    }

    public CaptionSettings withSearch(SearchStrategy newSearch) {
        return new CaptionSettings(newSearch, maxNewTokens, noRepeatNGramSize);
    }

    /** Beam search with transformers' length penalty 1.0 and early stopping; 1 beam is greedy search. */
    public CaptionSettings withBeams(int numBeams) {
        return withSearch(new BeamSearch(numBeams, 1.0, true));
    }

    public CaptionSettings withMaxNewTokens(int max) {
        return new CaptionSettings(search, max, noRepeatNGramSize);
    }

    public CaptionSettings withNoRepeatNGramSize(int size) {
        return new CaptionSettings(search, maxNewTokens, size);
    }
}
