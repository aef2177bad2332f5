package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Special token ids exactly per the table of docs/model-exports.md §1.6, and their derivation from a tokenizer. */
class WhisperTokensTest {

    @Test
    void englishOnlyIdsMatchTheTable() {
        WhisperTokens t = WhisperVocabulary.ENGLISH_ONLY.tokens();
        assertIds(t, 50256, 50257, 50258, 50357, 50358, 50359, 50360, 50361, 50362, 50363, 51863);
        assertThat(t.englishOnly()).isTrue();
    }

    @Test
    void multilingualIdsMatchTheTable() {
        assertIds(
                WhisperVocabulary.MULTILINGUAL.tokens(),
                50257,
                50258,
                50259,
                50358,
                50359,
                50360,
                50361,
                50362,
                50363,
                50364,
                51864);
    }

    @Test
    void largeV3IdsMatchTheTable() {
        WhisperTokens t = WhisperVocabulary.LARGE_V3.tokens();
        assertIds(t, 50257, 50258, 50259, 50359, 50360, 50361, 50362, 50363, 50364, 50365, 51865);
        assertThat(t.languageToken("yue")).contains(50358L); // the generation-config diff quoted in §1.6
    }

    private static void assertIds(
            WhisperTokens t,
            long eot,
            long sot,
            long en,
            long translate,
            long transcribe,
            long startOfLm,
            long startOfPrev,
            long noSpeech,
            long noTimestamps,
            long timestampBegin,
            long lastTimestamp) {
        assertThat(t.endOfText()).isEqualTo(eot);
        assertThat(t.startOfTranscript()).isEqualTo(sot);
        assertThat(t.languageToken("en")).contains(en);
        assertThat(t.translate()).isEqualTo(translate);
        assertThat(t.transcribe()).isEqualTo(transcribe);
        assertThat(t.startOfLm()).isEqualTo(startOfLm);
        assertThat(t.startOfPrev()).isEqualTo(startOfPrev);
        assertThat(t.noSpeech()).isEqualTo(noSpeech);
        assertThat(t.noTimestamps()).isEqualTo(noTimestamps);
        assertThat(t.timestampBegin()).isEqualTo(timestampBegin);
        assertThat(t.lastTimestamp()).isEqualTo(lastTimestamp);
    }

    @Test
    void derivesTheLayoutFromAddedTokensIncludingHuggingFacesNoCaptionsName() {
        for (WhisperVocabulary v : WhisperVocabulary.values()) {
            Map<String, Long> added = addedTokensOf(v.tokens());
            assertThat(WhisperTokens.fromAddedTokens(added)).isEqualTo(v.tokens());
            added.put("<|nocaptions|>", added.remove("<|nospeech|>"));
            assertThat(WhisperTokens.fromAddedTokens(added)).isEqualTo(v.tokens());
        }
    }

    @Test
    void olderTokenizersWithoutTimestampTokensGetThemFromTheTable() {
        Map<String, Long> added = addedTokensOf(WhisperVocabulary.ENGLISH_ONLY.tokens());
        added.keySet().removeIf(content -> Character.isDigit(content.charAt(2)));
        assertThat(WhisperTokens.fromAddedTokens(added).timestampBegin()).isEqualTo(50363);
    }

    @Test
    void refusesATokenizerWhoseIdsDisagreeWithTheTable() {
        Map<String, Long> added = addedTokensOf(WhisperVocabulary.MULTILINGUAL.tokens());
        added.put("<|notimestamps|>", 50362L);
        assertThatThrownBy(() -> WhisperTokens.fromAddedTokens(added))
                .hasMessageContaining("docs/model-exports.md §1.6")
                .hasMessageContaining("noTimestamps=50362");
    }

    @Test
    void timestampTokensAreTwentyMillisecondsApartFromTheirOwnBase() {
        assertThat(WhisperVocabulary.MULTILINGUAL.tokens().timestampMicros(50364 + 150))
                .isEqualTo(3_000_000);
        assertThat(WhisperVocabulary.ENGLISH_ONLY.tokens().timestampMicros(50364 + 150))
                .isEqualTo(3_020_000);
        assertThat(WhisperVocabulary.ENGLISH_ONLY.tokens().isText(50256)).isFalse();
        assertThat(WhisperVocabulary.MULTILINGUAL.tokens().isText(50256)).isTrue();
    }

    static Map<String, Long> addedTokensOf(WhisperTokens t) {
        Map<String, Long> added = new HashMap<>();
        added.put("<|endoftext|>", t.endOfText());
        added.put("<|startoftranscript|>", t.startOfTranscript());
        for (int i = 0; i < t.languages().size(); i++) {
            added.put("<|" + t.languages().get(i) + "|>", t.firstLanguage() + i);
        }
        added.put("<|translate|>", t.translate());
        added.put("<|transcribe|>", t.transcribe());
        added.put("<|startoflm|>", t.startOfLm());
        added.put("<|startofprev|>", t.startOfPrev());
        added.put("<|nospeech|>", t.noSpeech());
        added.put("<|notimestamps|>", t.noTimestamps());
        for (int i = 0; i <= 1500; i++) {
            added.put(String.format(java.util.Locale.ROOT, "<|%.2f|>", i * 0.02), t.timestampBegin() + i);
        }
        return added;
    }
}
