package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Timestamp tokens → window-relative segments, with the rules for unpaired timestamps. */
class TimestampSegmenterTest {

    private static final WhisperTokens MULTI = WhisperVocabulary.MULTILINGUAL.tokens();
    private static final WhisperTokens EN = WhisperVocabulary.ENGLISH_ONLY.tokens();
    private static final long WINDOW = 10_000_000;

    private static long ts(WhisperTokens t, double seconds) {
        return t.timestampBegin() + Math.round(seconds / 0.02);
    }

    private static List<WindowSegment> split(WhisperTokens t, long... tokens) {
        return new TimestampSegmenter(t).split(tokens, WINDOW);
    }

    @Test
    void pairedTimestampsDelimitSegments() {
        var s = split(
                MULTI, ts(MULTI, 0), 10, 11, ts(MULTI, 1.5), ts(MULTI, 1.5), 12, ts(MULTI, 3.2), MULTI.endOfText());
        assertThat(s).hasSize(2);
        assertSegment(s.get(0), 0, 1_500_000, 10, 11);
        assertSegment(s.get(1), 1_500_000, 3_200_000, 12);
    }

    @Test
    void theSameIdMeansADifferentTimeForEnglishOnlyModels() {
        long id = 50364 + 50; // <|1.00|> multilingual, <|1.02|> for .en (timestamp_begin 50363)
        assertSegment(split(MULTI, MULTI.timestampBegin(), 7, id).get(0), 0, 1_000_000, 7);
        assertSegment(split(EN, EN.timestampBegin(), 7, id).get(0), 0, 1_020_000, 7);
    }

    @Test
    void aSingleTimestampBeforeTheEndClosesTheLastSegment() {
        var s = split(MULTI, ts(MULTI, 0.5), 10, ts(MULTI, 2.0), MULTI.endOfText());
        assertThat(s).hasSize(1);
        assertSegment(s.get(0), 500_000, 2_000_000, 10);
    }

    @Test
    void textWithoutAClosingTimestampRunsToTheWindowEnd() {
        var s = split(MULTI, ts(MULTI, 1.0), 10, ts(MULTI, 2.0), ts(MULTI, 2.4), 11, 12);
        assertThat(s).hasSize(2);
        assertSegment(s.get(1), 2_400_000, WINDOW, 11, 12);
    }

    @Test
    void textBeforeAnyTimestampStartsAtZeroAndALoneTimestampSplitsText() {
        var s = split(MULTI, 10, ts(MULTI, 1.0), 11, ts(MULTI, 2.0));
        assertThat(s).hasSize(2);
        assertSegment(s.get(0), 0, 1_000_000, 10);
        assertSegment(s.get(1), 1_000_000, 2_000_000, 11);
    }

    @Test
    void timestampsWithoutTextMakeNoSegmentAndSpecialTokensAreNoText() {
        assertThat(split(MULTI, ts(MULTI, 0), ts(MULTI, 1.0), ts(MULTI, 1.0), ts(MULTI, 2.0)))
                .isEmpty();
        assertThat(split(MULTI, MULTI.transcribe(), MULTI.noTimestamps())).isEmpty();
    }

    @Test
    void withoutTimestampsTheWholeTextIsOneWindowLongSegment() {
        var s = split(MULTI, 10, 11, 12, MULTI.endOfText(), 13);
        assertThat(s).hasSize(1);
        assertSegment(s.get(0), 0, WINDOW, 10, 11, 12);
    }

    @Test
    void timesBeyondTheWindowAreClampedAndSegmentsNeverCollapse() {
        var s = split(MULTI, ts(MULTI, 12.0), 10, ts(MULTI, 14.0));
        assertSegment(s.get(0), WINDOW - 20_000, WINDOW, 10);
        var same = split(MULTI, ts(MULTI, 1.0), 10, ts(MULTI, 1.0));
        assertSegment(same.get(0), 1_000_000, 1_020_000, 10);
    }

    private static void assertSegment(WindowSegment s, long start, long end, long... text) {
        assertThat(s.startMicros()).isEqualTo(start);
        assertThat(s.endMicros()).isEqualTo(end);
        assertThat(s.textTokens()).containsExactly(text);
    }
}
