package io.montage.processors.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.video.ColourHistogram;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.StreamScenes;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamScenesCodecTest {

    @Test
    void aStreamStateWithAnOpenSceneAndWaitingFramesReadsBackAsItWasWritten() {
        SceneFrame keyframe = frame(4, 0.25f, new byte[] {1, 2, 3});
        StreamScenes state = new StreamScenes(
                "camera-7",
                3,
                new StreamScenes.OpenScene(2, 2_000_000, keyframe, 2_500_000, histogram(0.5f), 2),
                List.of(frame(6, 0.75f, new byte[] {9}), frame(7, 1f, new byte[0])),
                3_500_000,
                2_500_000,
                1_234_567L);

        assertThat(StreamScenesCodec.decode(StreamScenesCodec.encode(state))).isEqualTo(state);
    }

    @Test
    void aFreshStreamReadsBackFresh() {
        StreamScenes fresh = StreamScenes.start("s");

        assertThat(StreamScenesCodec.decode(StreamScenesCodec.encode(fresh))).isEqualTo(fresh);
    }

    @Test
    void aLayoutFromAnotherVersionIsRefusedWithWhatToDo() {
        byte[] bytes = StreamScenesCodec.encode(StreamScenes.start("s"));
        bytes[0] = 9;

        assertThatThrownBy(() -> StreamScenesCodec.decode(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("layout 9")
                .hasMessageContaining("application-reset");
    }

    private static SceneFrame frame(long index, float weight, byte[] keyframe) {
        return new SceneFrame(index * 500_000, index, "f" + index, histogram(weight), keyframe);
    }

    private static ColourHistogram histogram(float firstBin) {
        float[] bins = new float[ColourHistogram.BINS];
        bins[0] = firstBin;
        bins[ColourHistogram.BINS - 1] = 1 - firstBin;
        return new ColourHistogram(bins);
    }
}
