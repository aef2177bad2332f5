package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogitsProcessorsTest {

    private static float[] flat(int n) {
        return new float[n];
    }

    @Test
    void noRepeatNGramForbidsTheTokenThatWouldCompleteASeenTrigram() {
        // prompt 9, generated 1 2 3 1 2 -> "1 2 3" seen, so 3 may not follow "1 2"
        float[] logits = flat(10);
        new NoRepeatNGram(3).process(new TokenHistory(new long[] {9, 1, 2, 3, 1, 2}, 1), logits);
        assertThat(logits[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[1]).isZero();
        assertThat(logits[2]).isZero();
    }

    @Test
    void noRepeatNGramIgnoresThePrompt() {
        float[] logits = flat(10);
        new NoRepeatNGram(2).process(new TokenHistory(new long[] {1, 2, 1}, 2), logits);
        assertThat(logits).containsOnly(0f);
    }

    @Test
    void beginSuppressionActsOnlyAtTheFirstGeneratedPosition() {
        var begin = new SuppressTokensAtBegin(new long[] {220, 5});
        float[] first = flat(300);
        begin.process(new TokenHistory(new long[] {7, 8}, 2), first);
        assertThat(first[220]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(first[5]).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] later = flat(300);
        begin.process(new TokenHistory(new long[] {7, 8, 9}, 2), later);
        assertThat(later).containsOnly(0f);
    }

    @Test
    void forcedTokenIsTheOnlyChoiceAtItsPosition() {
        float[] logits = flat(6);
        logits[4] = Float.NEGATIVE_INFINITY;
        ForcedTokens.at(0, 4).process(new TokenHistory(new long[] {1}, 1), logits);
        assertThat(LogProbabilities.argMax(logits)).isEqualTo(4);
        assertThat(logits[0]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void topTokensAreLargestFirstWithLowerIdsOnTies() {
        assertThat(BeamLoop.topTokens(new float[] {1, 5, 3, 5, 0}, 3)).containsExactly(1, 3, 2);
    }

    @Test
    void logSoftmaxSumsToOne() {
        float[] lp = LogProbabilities.logSoftmax(new float[] {1, 2, 3, Float.NEGATIVE_INFINITY});
        double sum = 0;
        for (float v : lp) {
            sum += Math.exp(v);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    }
}
