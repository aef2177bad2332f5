package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.batching.Timed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipTimingTest {

    @Test
    void windowsThatSharedACallCountItsRunTimeOnce() {
        Timed<String> clip =
                ClipTiming.of("clip", List.of(new Timed<>("w1", 5, 100, 3, 7), new Timed<>("w2", 6, 100, 3, 7)));

        assertThat(clip.runNanos()).isEqualTo(100);
        assertThat(clip.batchSize()).isEqualTo(3);
    }

    @Test
    void windowsInSeveralCallsAddTheirRunTimesAndKeepTheFirstWaitAndTheLargestCall() {
        Timed<String> clip = ClipTiming.of(
                "clip",
                List.of(
                        new Timed<>("w1", 5, 100, 2, 7),
                        new Timed<>("w2", 5, 100, 2, 7),
                        new Timed<>("w3", 110, 40, 1, 8)));

        assertThat(clip.value()).isEqualTo("clip");
        assertThat(clip.queueNanos()).isEqualTo(5);
        assertThat(clip.runNanos()).isEqualTo(140);
        assertThat(clip.batchSize()).isEqualTo(2);
    }

    @Test
    void aClipWithoutWindowsNeverRan() {
        assertThat(ClipTiming.of("silence", List.of())).isEqualTo(new Timed<>("silence", 0, 0, 0, 0));
    }
}
