package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Init tokens per docs/model-exports.md §1.7. */
class WhisperPromptTest {

    private static final WhisperTokens EN = WhisperVocabulary.ENGLISH_ONLY.tokens();
    private static final WhisperTokens MULTI = WhisperVocabulary.MULTILINGUAL.tokens();
    private static final WhisperTokens V3 = WhisperVocabulary.LARGE_V3.tokens();

    @Test
    void englishOnlyPromptIsStartOfTranscriptThenNoTimestamps() {
        assertThat(WhisperPrompt.of(EN, null, WhisperTask.TRANSCRIBE, false)).containsExactly(50257, 50362);
        assertThat(WhisperPrompt.of(EN, "en", WhisperTask.TRANSCRIBE, true)).containsExactly(50257);
    }

    @Test
    void multilingualPromptCarriesLanguageAndTask() {
        assertThat(WhisperPrompt.of(MULTI, "en", WhisperTask.TRANSCRIBE, false))
                .containsExactly(50258, 50259, 50359, 50363);
        assertThat(WhisperPrompt.of(MULTI, "en", WhisperTask.TRANSLATE, false))
                .containsExactly(50258, 50259, 50358, 50363);
        assertThat(WhisperPrompt.of(MULTI, "de", WhisperTask.TRANSCRIBE, true)).containsExactly(50258, 50261, 50359);
        assertThat(WhisperPrompt.of(V3, "en", WhisperTask.TRANSCRIBE, false))
                .containsExactly(50258, 50259, 50360, 50364);
    }

    @Test
    void englishOnlyModelsRefuseTranslationAndOtherLanguages() {
        assertThatThrownBy(() -> WhisperPrompt.of(EN, "en", WhisperTask.TRANSLATE, false))
                .hasMessageContaining("English-only");
        assertThatThrownBy(() -> WhisperPrompt.of(EN, "fr", WhisperTask.TRANSCRIBE, false))
                .hasMessageContaining("English-only");
        assertThatThrownBy(() -> WhisperPrompt.of(MULTI, "xx", WhisperTask.TRANSCRIBE, false))
                .hasMessageContaining("'xx'");
    }
}
