package io.montage.processors.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.video.SummaryVideo;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveWindowsTest {

    private final LiveWindows windows = new LiveWindows(Duration.ofSeconds(10));

    @Test
    void aWindowEndsWithTheFirstSceneThatEndsItsLengthAfterItsStartAndTheNextSceneStartsTheNext() {
        LiveWindows.Gathered first =
                windows.add(LiveStream.Window.first(), List.of(scene(0, 0, 4), scene(1, 4, 8)), false);
        LiveWindows.Gathered second = windows.add(first.window(), List.of(scene(2, 8, 12), scene(3, 12, 13)), false);

        assertThat(first.completed()).isEmpty();
        assertThat(first.waiting()).extracting(SceneDescription::getSceneIndex).containsExactly(0L, 1L);
        assertThat(second.completed()).containsExactly(new LiveWindows.Span(0, 0, 3));
        assertThat(second.waiting()).extracting(SceneDescription::getSceneIndex).containsExactly(3L);
        assertThat(second.window()).isEqualTo(new LiveStream.Window(1, 3, 12_000_000, 1));
    }

    @Test
    void aSceneLongerThanTheWindowIsAWindowOfItsOwn() {
        LiveWindows.Gathered gathered = windows.add(LiveStream.Window.first(), List.of(scene(0, 0, 25)), false);

        assertThat(gathered.completed()).containsExactly(new LiveWindows.Span(0, 0, 1));
        assertThat(gathered.waiting()).isEmpty();
        assertThat(gathered.window().isEmpty()).isTrue();
    }

    @Test
    void aStreamGoingIdleEndsItsWindowAndItsNextFramesStartTheNext() {
        LiveWindows.Gathered idle =
                windows.add(LiveStream.Window.first(), List.of(scene(0, 0, 2), scene(1, 2, 3)), true);

        assertThat(idle.completed()).containsExactly(new LiveWindows.Span(0, 0, 2));
        assertThat(idle.window()).isEqualTo(new LiveStream.Window(1, 0, -1, 0));
        assertThat(windows.add(idle.window(), List.of(), true).completed())
                .as("an empty window is not written")
                .isEmpty();
    }

    @Test
    void aWindowHoldsAtMostTheKeyframesASummaryShows() {
        List<SceneDescription> quick = new ArrayList<>();
        for (int i = 0; i < SummaryVideo.MAX_KEYFRAMES + 5; i++) {
            quick.add(scene(i, i * 0.01, (i + 1) * 0.01));
        }

        LiveWindows.Gathered gathered = windows.add(LiveStream.Window.first(), quick, false);

        assertThat(gathered.completed()).containsExactly(new LiveWindows.Span(0, 0, SummaryVideo.MAX_KEYFRAMES));
        assertThat(gathered.waiting()).hasSize(5);
        assertThat(gathered.window().firstSceneIndex()).isEqualTo(SummaryVideo.MAX_KEYFRAMES);
    }

    private static SceneDescription scene(long index, double startSeconds, double endSeconds) {
        return SceneDescription.newBuilder()
                .setEventId("f" + index)
                .setInput(InputRef.newBuilder().setTopic("probes").build())
                .setStreamId("camera-7")
                .setModel(new ModelRef("colour-histogram-scenes", "512-bins", "cpu"))
                .setTimings(Timings.newBuilder().build())
                .setSceneIndex(index)
                .setStartPtsMicros(Math.round(startSeconds * 1e6))
                .setEndPtsMicros(Math.round(endSeconds * 1e6))
                .build();
    }
}
