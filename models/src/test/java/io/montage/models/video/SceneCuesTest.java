package io.montage.models.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The WebVTT track: one well-formed cue per scene, timed to the summary video, saying what the scene is. */
class SceneCuesTest {

    private static final Pattern TIMING =
            Pattern.compile("^(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})$");

    @Test
    void oneCuePerSceneWithIncreasingTimesAndTheScenesDescription() {
        String vtt = SceneCues.webVtt(List.of(
                new SceneCues.Scene(0, 0, 3_200_000, "a harbour with boats", null, List.of("boat", "sea")),
                new SceneCues.Scene(1, 3_200_000, 6_000_000, null, "FISH & <CHIPS>\n\n--> 2 for 1", List.of()),
                new SceneCues.Scene(2, 6_000_000, 3_725_000_000L, "a forest", "EXIT", List.of())));

        assertThat(vtt).startsWith("WEBVTT\n\n");
        List<String[]> cues = cues(vtt);
        assertThat(cues).hasSize(3);
        long previousEnd = 0;
        for (int i = 0; i < cues.size(); i++) {
            Matcher timing = TIMING.matcher(cues.get(i)[1]);
            assertThat(timing.matches()).as(cues.get(i)[1]).isTrue();
            long start = millis(timing, 1);
            long end = millis(timing, 5);
            assertThat(start).isEqualTo(previousEnd);
            assertThat(end - start).isEqualTo(SummaryVideo.HOLD_SECONDS * 1000L);
            previousEnd = end;
        }
        assertThat(cues.get(0))
                .containsExactly(
                        "scene-0",
                        "00:00:00.000 --> 00:00:02.000",
                        "Scene 0 · 0:00.0–0:03.2",
                        "a harbour with boats",
                        "Labels: boat, sea");
        assertThat(cues.get(1)[3]).isEqualTo("Text: FISH &amp; &lt;CHIPS&gt; --&gt; 2 for 1");
        assertThat(cues.get(2)).contains("Scene 2 · 0:06.0–1:02:05.0", "a forest", "Text: EXIT");
    }

    /** Cue blocks as WebVTT readers split them: at blank lines, after the header. */
    private static List<String[]> cues(String vtt) {
        List<String[]> cues = new ArrayList<>();
        String[] blocks = vtt.split("\n\n");
        for (int i = 1; i < blocks.length; i++) {
            cues.add(blocks[i].strip().split("\n"));
        }
        return cues;
    }

    private static long millis(Matcher timing, int group) {
        return ((Long.parseLong(timing.group(group)) * 60 + Long.parseLong(timing.group(group + 1))) * 60
                                + Long.parseLong(timing.group(group + 2)))
                        * 1000
                + Long.parseLong(timing.group(group + 3));
    }
}
