package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LanguageDetectionTest {

    private static final WhisperTokens T = WhisperVocabulary.MULTILINGUAL.tokens();

    @Test
    void picksTheMostLikelyLanguageTokenAndNormalisesOverLanguageTokensOnly() {
        float[] logits = new float[51865];
        Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        logits[T.languageToken("de").orElseThrow().intValue()] = 2f;
        logits[T.languageToken("fr").orElseThrow().intValue()] = 2f + (float) Math.log(3);
        logits[(int) T.endOfText()] = 50f; // far likelier, but no language
        logits[(int) T.timestampBegin()] = 40f;
        LanguageDetection d = LanguageDetection.fromLogits(logits, T);
        assertThat(d.language()).isEqualTo("fr");
        assertThat(d.probability()).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void theLastLanguageTokenCounts() {
        float[] logits = new float[51865];
        logits[(int) T.lastLanguage()] = 9f;
        assertThat(LanguageDetection.fromLogits(logits, T).language()).isEqualTo("su");
    }
}
