package io.montage.models.speech;

/**
 * The three Whisper special-token layouts, ids exactly as the table of docs/model-exports.md §1.6 gives them (openai/whisper
 * tokenizer.py {@code get_encoding} order appended after the base vocabulary: 50256 ranks for {@code .en},
 * 50257 for multilingual; large-v3 adds a 100th language, {@code <|yue|>}).
 */
public enum WhisperVocabulary {
    /** tiny.en, base.en …: English only; language and task tokens exist but are never used. */
    ENGLISH_ONLY(50256, 99),
    /** tiny, base, small, medium, large-v1/v2. */
    MULTILINGUAL(50257, 99),
    /** large-v3, large-v3-turbo. */
    LARGE_V3(50257, 100);

    private final long endOfText;
    private final int languageCount;

    WhisperVocabulary(long endOfText, int languageCount) {
        this.endOfText = endOfText;
        this.languageCount = languageCount;
    }

    public long endOfText() {
        return endOfText;
    }

    public int languageCount() {
        return languageCount;
    }

    /** The table's ids for this layout. */
    public WhisperTokens tokens() {
        long sot = endOfText + 1;
        long firstLanguage = sot + 1;
        long translate = firstLanguage + languageCount;
        long noTimestamps = translate + 5;
        return new WhisperTokens(
                this,
                endOfText,
                sot,
                firstLanguage,
                WhisperLanguages.CODES.subList(0, languageCount),
                translate,
                translate + 1,
                translate + 2,
                translate + 3,
                translate + 4,
                noTimestamps,
                noTimestamps + 1,
                noTimestamps + 1 + WhisperTokens.TIMESTAMP_COUNT - 1);
    }

    /** The layout whose end-of-text id and language count these are, or an error naming both. */
    static WhisperVocabulary of(long endOfText, int languageCount) {
        for (WhisperVocabulary v : values()) {
            if (v.endOfText == endOfText && v.languageCount == languageCount) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "no Whisper vocabulary has <|endoftext|> = " + endOfText + " and " + languageCount
                        + " language tokens (docs/model-exports.md §1.6: .en 50256/99, multilingual 50257/99, v3 50257/100)");
    }
}
