package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.generation.LogProbabilities;
import io.montage.models.generation.TokenHistory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WhisperTimestampRulesTest {

    private static final WhisperTokens T = WhisperVocabulary.MULTILINGUAL.tokens();
    private static final int VOCAB = 51865;
    private static final long[] PROMPT = {T.startOfTranscript(), 50259, T.transcribe()};
    private static final WhisperTimestampRules RULES = new WhisperTimestampRules(T, 50);

    private static float[] afterGenerating(float[] logits, long... generated) {
        long[] all = Arrays.copyOf(PROMPT, PROMPT.length + generated.length);
        System.arraycopy(generated, 0, all, PROMPT.length, generated.length);
        RULES.process(new TokenHistory(all, PROMPT.length), logits);
        return logits;
    }

    /** A text token and the end clearly ahead, so the timestamp-mass rule stays out of the way unless a test wants it. */
    private static float[] textFavoured() {
        float[] logits = new float[VOCAB];
        logits[100] = 30f;
        logits[(int) T.endOfText()] = 30f;
        return logits;
    }

    private static long ts(int index) {
        return T.timestampBegin() + index;
    }

    @Test
    void theFirstTokenIsATimestampOfAtMostOneSecond() {
        float[] l = afterGenerating(textFavoured());
        assertThat(allowed(l, 0, (int) T.timestampBegin())).isZero();
        assertThat(l[(int) ts(50)]).isFinite();
        assertThat(l[(int) ts(51)]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(l[(int) T.noTimestamps()]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void afterTextAndATimestampOnlyALaterOrEqualTimestampOrTheEndMayFollow() {
        float[] l = afterGenerating(textFavoured(), ts(10), 100, ts(40));
        assertThat(allowed(l, 0, (int) T.endOfText())).isZero();
        assertThat(l[(int) T.endOfText()]).isFinite();
        assertThat(l[(int) ts(39)]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(l[(int) ts(40)]).isFinite();
    }

    @Test
    void afterAPairNoTimestampMayFollow() {
        float[] l = afterGenerating(textFavoured(), ts(10), 100, ts(40), ts(40));
        assertThat(allowed(l, (int) T.timestampBegin(), VOCAB)).isZero();
        assertThat(l[100]).isFinite();
    }

    @Test
    void aClosingTimestampIsLaterThanTheOpeningOne() {
        float[] l = afterGenerating(textFavoured(), ts(10), 100);
        assertThat(l[(int) ts(10)]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(l[(int) ts(11)]).isFinite();
        assertThat(l[100]).isFinite();
    }

    @Test
    void timestampsTogetherMoreLikelyThanTheBestTextTokenWin() {
        float[] logits = new float[VOCAB];
        logits[100] = 5f; // the best text token, but every one of ~1500 timestamps at 0 outweighs it together
        float[] l = afterGenerating(logits, ts(10), 100);
        assertThat(allowed(l, 0, (int) T.timestampBegin())).isZero();
        assertThat(LogProbabilities.argMax(l)).isGreaterThanOrEqualTo((int) T.timestampBegin());
    }

    private static long allowed(float[] logits, int from, int to) {
        return java.util.stream.IntStream.range(from, to)
                .filter(i -> logits[i] != Float.NEGATIVE_INFINITY)
                .count();
    }
}
