package io.montage.processors.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.video.ClipSignature;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.StreamScenes;
import io.montage.schemas.avro.LabelScore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamScenesCodecTest {

    @Test
    void aStreamStateWithAnOpenSceneAndWaitingFramesReadsBackAsItWasWritten() {
        LiveStream state = new LiveStream(openScene(), null, LiveStream.Window.first());

        assertThat(StreamScenesCodec.decode(StreamScenesCodec.encode(state))).isEqualTo(state);
    }

    @Test
    void theLastUpdateWithItsKeyframeNotesAndTheWindowReadBackAsTheyWereWritten() {
        LiveStream state = new LiveStream(
                openScene(),
                new LiveStream.LastUpdate(
                        2,
                        2_500_000,
                        new KeyframeNotes(
                                "OPEN 24 HOURS\n" + "x".repeat(70_000),
                                null,
                                List.of(new LabelScore("a photo of a market", 0.75f)))),
                new LiveStream.Window(4, 1, 500_000, 1));

        assertThat(StreamScenesCodec.decode(StreamScenesCodec.encode(state))).isEqualTo(state);
    }

    @Test
    void aStreamStateOfClipSignaturesReadsBackAsItWasWritten() {
        SceneFrame keyframe = new SceneFrame(0, 0, "f0", clip(0.6f), new byte[] {1});
        LiveStream state = new LiveStream(
                new StreamScenes(
                        "camera-8",
                        1,
                        new StreamScenes.OpenScene(0, 0, keyframe, 500_000, clip(0.8f), 2),
                        List.of(new SceneFrame(1_000_000, 2, "f2", clip(-0.3f), new byte[] {2, 3})),
                        1_000_000,
                        500_000,
                        42L),
                null,
                LiveStream.Window.first());

        LiveStream read = StreamScenesCodec.decode(StreamScenesCodec.encode(state));

        assertThat(read).isEqualTo(state);
        assertThat(read.scenes().pending().get(0).signature()).isInstanceOf(ClipSignature.class);
    }

    @Test
    void aFreshStreamReadsBackFresh() {
        LiveStream fresh = LiveStream.start("s");

        assertThat(StreamScenesCodec.decode(StreamScenesCodec.encode(fresh))).isEqualTo(fresh);
    }

    /** Changelogs written before live updates and windows hold layout 1: the tracker's state alone. */
    @Test
    void aStateOfLayoutOneAsWrittenBeforeLiveUpdatesReadsAsAStreamWithNoUpdate() throws IOException {
        byte[] layoutOne;
        try (InputStream in = getClass().getResourceAsStream("/scenes/stream-state-layout-1.bin")) {
            layoutOne = in.readAllBytes();
        }

        LiveStream read = StreamScenesCodec.decode(layoutOne);

        assertThat(read.scenes()).isEqualTo(openScene());
        assertThat(read.lastUpdate()).isNull();
        assertThat(read.window()).isEqualTo(LiveStream.Window.first());
    }

    /** Changelogs written with live updates but before windows hold layout 2. */
    @Test
    void aStateOfLayoutTwoAsWrittenBeforeWindowsReadsWithItsLastUpdateAndAnEmptyWindow() throws IOException {
        byte[] layoutTwo;
        try (InputStream in = getClass().getResourceAsStream("/scenes/stream-state-layout-2.bin")) {
            layoutTwo = in.readAllBytes();
        }

        LiveStream read = StreamScenesCodec.decode(layoutTwo);

        assertThat(read.scenes()).isEqualTo(openScene());
        assertThat(read.lastUpdate())
                .isEqualTo(new LiveStream.LastUpdate(
                        2,
                        2_500_000,
                        new KeyframeNotes("OPEN", null, List.of(new LabelScore("a photo of a market", 0.75f)))));
        assertThat(read.window()).isEqualTo(LiveStream.Window.first());
    }

    @Test
    void aLayoutFromAnotherVersionIsRefusedWithWhatToDo() {
        byte[] bytes = StreamScenesCodec.encode(LiveStream.start("s"));
        bytes[0] = 9;

        assertThatThrownBy(() -> StreamScenesCodec.decode(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("layout 9")
                .hasMessageContaining("application-reset");
    }

    /** The tracker's state in {@code stream-state-layout-1.bin} and {@code -2.bin}, written by the versions before. */
    private static StreamScenes openScene() {
        SceneFrame keyframe = frame(4, 0.25f, new byte[] {1, 2, 3});
        return new StreamScenes(
                "camera-7",
                3,
                new StreamScenes.OpenScene(2, 2_000_000, keyframe, 2_500_000, histogram(0.5f), 2),
                List.of(frame(6, 0.75f, new byte[] {9}), frame(7, 1f, new byte[0])),
                3_500_000,
                2_500_000,
                1_234_567L);
    }

    private static SceneFrame frame(long index, float weight, byte[] keyframe) {
        return new SceneFrame(index * 500_000, index, "f" + index, histogram(weight), keyframe);
    }

    /** A unit CLIP-like vector of 512 dimensions, pointing by {@code x} between two axes. */
    private static ClipSignature clip(float x) {
        float[] vector = new float[512];
        vector[0] = x;
        vector[1] = (float) Math.sqrt(1 - x * x);
        return new ClipSignature(vector);
    }

    private static ColourHistogram histogram(float firstBin) {
        float[] bins = new float[ColourHistogram.BINS];
        bins[0] = firstBin;
        bins[ColourHistogram.BINS - 1] = 1 - firstBin;
        return new ColourHistogram(bins);
    }
}
