package io.montage.processors.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.video.ClipSignature;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.StreamScenes;
import java.io.IOException;
import java.io.InputStream;
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
    void aStreamStateOfClipSignaturesReadsBackAsItWasWritten() {
        SceneFrame keyframe = new SceneFrame(0, 0, "f0", clip(0.6f), new byte[] {1});
        StreamScenes state = new StreamScenes(
                "camera-8",
                1,
                new StreamScenes.OpenScene(0, 0, keyframe, 500_000, clip(0.8f), 2),
                List.of(new SceneFrame(1_000_000, 2, "f2", clip(-0.3f), new byte[] {2, 3})),
                1_000_000,
                500_000,
                42L);

        byte[] bytes = StreamScenesCodec.encode(state);

        assertThat(StreamScenesCodec.decode(bytes)).isEqualTo(state);
        assertThat(StreamScenesCodec.decode(bytes).pending().get(0).signature()).isInstanceOf(ClipSignature.class);
    }

    /**
     * The fixture is a state with an open scene and a waiting frame, histograms only, written by this
     * codec before CLIP signatures (the changelogs of running Montages hold such states): it still
     * reads, and the same state is written to the same bytes, so an earlier Montage reads it too.
     */
    @Test
    void aStateWrittenBeforeClipSignaturesReadsAndIsWrittenAsBefore() throws IOException {
        byte[] written;
        try (InputStream in = getClass().getResourceAsStream("/video/stream-scenes-layout-1-histograms.bin")) {
            written = in.readAllBytes();
        }
        StreamScenes expected = new StreamScenes(
                "camera-7",
                3,
                new StreamScenes.OpenScene(
                        2, 2_000_000, frame(4, 0.25f, new byte[] {1, 2, 3}), 2_500_000, histogram(0.5f), 2),
                List.of(frame(6, 0.75f, new byte[] {9})),
                3_500_000,
                2_500_000,
                1_234_567L);

        assertThat(StreamScenesCodec.decode(written)).isEqualTo(expected);
        assertThat(StreamScenesCodec.encode(expected)).isEqualTo(written);
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

    /** A unit vector of CLIP ViT-B/32's 512 dimensions, {@code first} in its first. */
    private static ClipSignature clip(float first) {
        float[] vector = new float[512];
        vector[0] = first;
        vector[511] = (float) Math.sqrt(1 - first * first);
        return new ClipSignature(vector);
    }

    private static ColourHistogram histogram(float firstBin) {
        float[] bins = new float[ColourHistogram.BINS];
        bins[0] = firstBin;
        bins[ColourHistogram.BINS - 1] = 1 - firstBin;
        return new ColourHistogram(bins);
    }
}
