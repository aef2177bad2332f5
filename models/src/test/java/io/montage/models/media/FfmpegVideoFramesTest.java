package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.montage.models.video.ClosedScene;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.SceneEnd;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.SceneRules;
import io.montage.models.video.SceneTracker;
import io.montage.models.video.StreamScenes;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FfmpegVideoFramesTest {

    private static final double FPS = 2;
    private static final long SAMPLE_MICROS = 500_000;
    private static byte[] clip;

    private final FfmpegVideoFrames frames = new FfmpegVideoFrames(MediaLimits.defaults());

    @BeforeAll
    static void makeClip() {
        clip = SyntheticClip.mp4(SyntheticClip.threeScenes(), 320, 240);
    }

    @Test
    void aClipIsSampledAtTheRateAskedForWithPresentationTimes() throws MediaRejectedException {
        List<Long> times = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        List<BufferedImage> pictures = new ArrayList<>();

        long decoded = frames.sample(clip, FPS, (pts, index, picture) -> {
            times.add(pts);
            indexes.add(index);
            pictures.add(picture);
        });

        assertThat(decoded).isEqualTo(9 * SyntheticClip.FRAME_RATE);
        assertThat(times).hasSize(18);
        for (int i = 0; i < times.size(); i++) {
            assertThat(times.get(i)).as("sample %d", i).isCloseTo(i * SAMPLE_MICROS, within(40_000L));
            assertThat(indexes.get(i)).isEqualTo(i);
        }
        assertThat(pictures.get(0).getWidth()).isEqualTo(320);
        assertThat(pictures.get(0).getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    }

    @Test
    void threeVisuallyDistinctSegmentsAreThreeScenesCutWithinOneSampledFrame() throws MediaRejectedException {
        SceneTracker tracker = new SceneTracker(new SceneRules(0.3, 0.2, 1_000_000, 1_000_000));
        StreamScenes[] state = {StreamScenes.start("clip")};
        List<ClosedScene> scenes = new ArrayList<>();
        frames.sample(clip, FPS, (pts, index, picture) -> {
            SceneFrame frame = new SceneFrame(pts, index, "clip", ColourHistogram.of(picture), new byte[0]);
            SceneTracker.Step step = tracker.accept(state[0], frame, 0);
            state[0] = step.state();
            scenes.addAll(step.closed());
        });
        scenes.addAll(tracker.close(state[0], 9_000_000, SceneEnd.END_OF_CLIP).closed());

        long[] cuts = SyntheticClip.cutsMicros(SyntheticClip.threeScenes());
        assertThat(scenes).hasSize(3);
        for (int i = 0; i < 3; i++) {
            long error = scenes.get(i).startPtsMicros() - cuts[i];
            assertThat(error)
                    .as("scene %d starts %d us after its cut", i, error)
                    .isBetween(0L, SAMPLE_MICROS);
        }
        assertThat(scenes.get(2).endPtsMicros()).isEqualTo(9_000_000);
    }

    @Test
    void audioHasNoFramesToSample() {
        byte[] audio = MediaFixtures.bytes("tone-300ms-44k1-mono.wav");

        assertThatThrownBy(() -> frames.sample(audio, FPS, (pts, index, picture) -> {}))
                .isInstanceOf(MediaRejectedException.class)
                .hasMessageContaining("no video stream");
    }
}
