package io.montage.models.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebVttWriterTest {

    private final WebVttWriter writer = new WebVttWriter();

    @Test
    void writesHeaderAndOneCuePerShortSegment() {
        String vtt = writer.write(List.of(
                new TimedText(0, 1_500_000, "And so, my fellow Americans,"),
                new TimedText(1_500_000, 3_250_999, "ask not what your country can do for you")));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:01.500
                And so, my fellow Americans,

                00:00:01.500 --> 00:00:03.250
                ask not what your country can do for you
                """);
    }

    @Test
    void wrapsAtFortyTwoCharactersIntoAtMostTwoLines() {
        String vtt = writer.write(List.of(new TimedText(
                61_000_000, 65_000_000, "The quick brown fox jumps over the lazy dog and keeps on running")));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:01:01.000 --> 00:01:05.000
                The quick brown fox jumps over the lazy
                dog and keeps on running
                """);
    }

    @Test
    void splitsLongSegmentsIntoCuesSharingTheTimeByCharacters() {
        // 3 lines of 10 characters each at maxLineChars 10, 2 lines per cue: 20/30 and 10/30 of 3 s.
        String vtt = new WebVttWriter(10, 2)
                .write(List.of(new TimedText(3_600_000_000L, 3_603_000_000L, "aaaa bbbbb cccc ddddd eeee fffff")));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                01:00:00.000 --> 01:00:02.000
                aaaa bbbbb
                cccc ddddd

                01:00:02.000 --> 01:00:03.000
                eeee fffff
                """);
    }

    @Test
    void escapesAmpersandAndAngleBracketsSoTextCannotOpenTagsOrFakeATiming() {
        String vtt = writer.write(List.of(new TimedText(0, 1_000_000, "R&D <b>bold</b> --> next")));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:01.000
                R&amp;D &lt;b&gt;bold&lt;/b&gt; --&gt; next
                """);
    }

    @Test
    void newlinesInTextCannotEndACueAndBlankSegmentsAreLeftOut() {
        String vtt = writer.write(List.of(
                new TimedText(2_000_000, 3_000_000, "second"),
                new TimedText(0, 1_000_000, "first\n\nline"),
                new TimedText(1_000_000, 2_000_000, "  \n ")));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:01.000
                first line

                00:00:02.000 --> 00:00:03.000
                second
                """);
    }

    @Test
    void breaksWordsLongerThanALine() {
        String vtt = new WebVttWriter(4, 2)
                .write(List.of(new TimedText(0, 900_000, "abcdefghij"))); // 8 of 10 characters in the first cue: 720 ms
        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:00.720
                abcd
                efgh

                00:00:00.720 --> 00:00:00.900
                ij
                """);
    }

    @Test
    void noSegmentsIsAnEmptyButValidDocument() {
        assertThat(writer.write(List.of())).isEqualTo("WEBVTT\n");
    }

    @Test
    void timedTextRejectsEndsBeforeStarts() {
        assertThatThrownBy(() -> new TimedText(2_000_000, 1_000_000, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start < end");
    }
}
