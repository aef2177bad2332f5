package io.montage.models.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The special token ids of one Whisper model. Read from the tokenizer's added tokens where it has them and
 * checked against the table of docs/model-exports.md §1.6 ({@link WhisperVocabulary}): a wrong id makes fluent garbage that
 * nothing else would notice.
 */
public record WhisperTokens(
        WhisperVocabulary vocabulary,
        long endOfText,
        long startOfTranscript,
        long firstLanguage,
        List<String> languages,
        long translate,
        long transcribe,
        long startOfLm,
        long startOfPrev,
        long noSpeech,
        long noTimestamps,
        long timestampBegin,
        long lastTimestamp) {

    /** {@code <|0.00|>} … {@code <|30.00|>} in 0.02 s steps (openai/whisper tokenizer.py). */
    static final int TIMESTAMP_COUNT = 1501;
    /** Seconds per timestamp token: openai/whisper decoding.py / transcribe.py {@code time_precision}. */
    public static final double SECONDS_PER_TIMESTAMP = 0.02;

    public WhisperTokens {
        languages = List.copyOf(languages);
    }

    public boolean englishOnly() {
        return vocabulary == WhisperVocabulary.ENGLISH_ONLY;
    }

    public boolean isTimestamp(long id) {
        return id >= timestampBegin && id <= lastTimestamp;
    }

    /** Ordinary text tokens are those below {@code <|endoftext|>} (openai/whisper tokenizer.py decode). */
    public boolean isText(long id) {
        return id >= 0 && id < endOfText;
    }

    public long timestampMicros(long id) {
        return Math.round((id - timestampBegin) * SECONDS_PER_TIMESTAMP * 1_000_000);
    }

    public Optional<Long> languageToken(String code) {
        int index = languages.indexOf(code);
        return index < 0 ? Optional.empty() : Optional.of(firstLanguage + index);
    }

    public long lastLanguage() {
        return firstLanguage + languages.size() - 1;
    }

    public String languageOf(long token) {
        return languages.get((int) (token - firstLanguage));
    }

    /**
     * Ids from a tokenizer's added tokens (content → id), checked against the table. Fails, naming every
     * disagreement, when the tokenizer's ids are not one of the three known layouts.
     */
    public static WhisperTokens fromAddedTokens(Map<String, Long> added) {
        long eot = require(added, "<|endoftext|>");
        long sot = require(added, "<|startoftranscript|>");
        int languageCount = 0;
        for (String code : WhisperLanguages.CODES) {
            if (!added.containsKey("<|" + code + "|>")) {
                break;
            }
            languageCount++;
        }
        WhisperVocabulary vocabulary = WhisperVocabulary.of(eot, languageCount);
        WhisperTokens expected = vocabulary.tokens();
        long noSpeech =
                Optional.ofNullable(added.get("<|nospeech|>")).orElseGet(() -> require(added, "<|nocaptions|>"));
        var found = new WhisperTokens(
                vocabulary,
                eot,
                sot,
                require(added, "<|en|>"),
                expected.languages(),
                require(added, "<|translate|>"),
                require(added, "<|transcribe|>"),
                require(added, "<|startoflm|>"),
                require(added, "<|startofprev|>"),
                noSpeech,
                require(added, "<|notimestamps|>"),
                timestamp(added, "<|0.00|>", expected.timestampBegin()),
                timestamp(added, "<|30.00|>", expected.lastTimestamp()));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < expected.languages().size(); i++) {
            String code = expected.languages().get(i);
            if (added.get("<|" + code + "|>") != expected.firstLanguage() + i) {
                mismatches.add("<|" + code + "|> " + added.get("<|" + code + "|>") + " (expected "
                        + (expected.firstLanguage() + i) + ")");
            }
        }
        if (!found.equals(expected) || !mismatches.isEmpty()) {
            throw new IllegalArgumentException(
                    "the tokenizer's Whisper special tokens do not match docs/model-exports.md §1.6 for " + vocabulary
                            + ": found " + found + ", expected " + expected
                            + (mismatches.isEmpty() ? "" : "; " + mismatches));
        }
        return found;
    }

    /**
     * Tokenizers written before Hugging Face added the timestamp tokens (2023) lack them; their ids then follow
     * {@code <|notimestamps|>} as in openai/whisper, which the table check still pins down.
     */
    private static long timestamp(Map<String, Long> added, String content, long tableId) {
        return added.getOrDefault(content, tableId);
    }

    private static long require(Map<String, Long> added, String content) {
        Long id = added.get(content);
        if (id == null) {
            throw new IllegalArgumentException("the tokenizer has no added token " + content
                    + "; is it a Whisper tokenizer.json (it ships with the model: montage models pull whisper-base)?");
        }
        return id;
    }
}
