package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.audio.SpeechSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    private static final long S = 1_000_000;
    private final WindowPlanner planner = new WindowPlanner(30 * S);

    @Test
    void neighbouringSpeechSharesAWindowOfAtMostThirtySeconds() {
        var windows = planner.plan(List.of(
                new SpeechSegment(2 * S, 10 * S),
                new SpeechSegment(12 * S, 31 * S),
                new SpeechSegment(33 * S, 40 * S),
                new SpeechSegment(70 * S, 75 * S)));
        assertThat(windows)
                .containsExactly(
                        new AudioWindow(2 * S, 31 * S),
                        new AudioWindow(33 * S, 40 * S),
                        new AudioWindow(70 * S, 75 * S));
    }

    @Test
    void speechLongerThanAWindowIsCut() {
        assertThat(planner.plan(List.of(new SpeechSegment(S, 71 * S))))
                .containsExactly(
                        new AudioWindow(S, 31 * S), new AudioWindow(31 * S, 61 * S), new AudioWindow(61 * S, 71 * S));
    }

    @Test
    void noSpeechNoWindows() {
        assertThat(planner.plan(List.of())).isEmpty();
        assertThat(planner.cover(45 * S)).containsExactly(new AudioWindow(0, 30 * S), new AudioWindow(30 * S, 45 * S));
    }

    @Test
    void windowSamplesAreCutAtTheirTimes() {
        float[] audio = new float[16_000 * 3];
        audio[16_000] = 1f;
        float[] second = new AudioWindow(S, 2 * S).samples(audio);
        assertThat(second).hasSize(16_000);
        assertThat(second[0]).isEqualTo(1f);
    }
}
