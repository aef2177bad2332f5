package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.batching.Timed;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegVideoFrames;
import io.montage.models.media.SyntheticClip;
import io.montage.models.runtime.ModelRunException;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.video.SceneRules;
import io.montage.models.video.SceneSignal;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.clip.ImageEmbedder;
import io.montage.models.vision.clip.TinyClip;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.video.KeyframeModels;
import io.montage.processors.video.SceneSettings;
import io.montage.processors.video.SceneStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.VideoEvent;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenes stage cutting on CLIP embeddings by the image-embed stage's model, loaded in the same
 * instance: the tiny random-weight CLIP export (the real ViT-B/32 weights are Hugging Face-only) puts
 * the synthetic clip's three colour fields 0.68 and 1.26 apart in cosine distance and their frames
 * about 0 apart, so it splits them like the histogram does; a CLIP threshold above those distances
 * shows the cut is CLIP's to make, not the histogram's.
 */
class SceneSignalTopologyTest {

    private static final List<SyntheticClip.Segment> SEGMENTS = SyntheticClip.threeScenes();

    @TempDir
    Path dir;

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private ClipEmbedder clip;
    private TestPipeline pipeline;

    @BeforeEach
    void loadTinyClip() throws IOException {
        clip = ClipEmbedder.builder()
                .files(TinyClip.files(Files.createDirectories(dir.resolve("clip"))))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();
    }

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        clip.close();
    }

    @Test
    void whereClipIsLoadedAClipsEveryFrameIsEmbeddedInBatchesAndItsThreeScenesAreCutOnThem() throws IOException {
        CountingEmbedder counted = new CountingEmbedder(clip, -1);
        SceneStage stage = stage(SceneSettings.defaults(), counted);
        assertThat(stage.signal()).isEqualTo(SceneSignal.CLIP);

        pipeline.pipe(topics.videos(), "clip-1", clipEvent("clip-1"));

        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        ScenesTopologyTest.assertWithinOneSampledFrame(scenes);
        assertThat(scenes).extracting(SceneDescription::getFrameCount).containsExactly(7, 5, 6);
        assertThat(scenes).allSatisfy(scene -> assertThat(scene.getModel())
                .isEqualTo(new ModelRef("clip-scenes", TinyClip.ID, "cpu")));
        assertThat(counted.picturesPerCall()).as("18 frames, 16 to a call").containsExactly(16, 2);
        assertThat(pipeline.readValues(topics.generatedMedia()))
                .allSatisfy(media -> assertThat(media.getModel().getId()).isEqualTo("clip-scenes"));
        assertThat(pipeline.readValues(topics.deadLetter())).isEmpty();
    }

    @Test
    void theCutIsClipsToMakeAboveItsThresholdTheColourChangesCutNothing() throws IOException {
        SceneSettings defaults = SceneSettings.defaults();
        SceneRules rules = defaults.rules();
        SceneSettings lenient = new SceneSettings(
                defaults.fps(),
                new SceneRules(rules.threshold(), 1.9, rules.minSceneMicros(), rules.graceMicros()),
                defaults.idleTimeout(),
                SceneSettings.Signal.CLIP,
                defaults.textInterval(),
                defaults.liveUpdateInterval(),
                defaults.liveWindow());
        stage(lenient, new CountingEmbedder(clip, -1));

        pipeline.pipe(topics.videos(), "clip-2", clipEvent("clip-2"));

        assertThat(pipeline.readValues(topics.scenes()))
                .singleElement()
                .satisfies(scene -> assertThat(scene.getFrameCount()).isEqualTo(18));
    }

    @Test
    void aLiveStreamsFramesAreEmbeddedOneAtATimeAndGiveTheSameScenes() throws IOException {
        CountingEmbedder counted = new CountingEmbedder(clip, -1);
        SceneSettings settings = SceneSettings.defaults();
        stage(settings, counted);

        for (VideoFrameEvent frame : ScenesTopologyTest.liveFrames("camera-7")) {
            pipeline.pipe(topics.videoFrames(), "camera-7", frame);
        }
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        ScenesTopologyTest.assertWithinOneSampledFrame(scenes);
        assertThat(scenes)
                .allSatisfy(scene -> assertThat(scene.getModel().getId()).isEqualTo("clip-scenes"));
        assertThat(counted.picturesPerCall()).hasSize(18).containsOnly(1);
    }

    /**
     * A live frame on which CLIP fails is dead-lettered, and the stream's scenes go on without it, as
     * for a frame that does not decode: a histogram in its place could not be compared with its
     * CLIP-embedded neighbours, so it could not show a cut next to it.
     */
    @Test
    void aLiveFrameOnWhichClipFailsIsDeadLetteredAndTheScenesGoOnWithoutIt() throws IOException {
        SceneSettings settings = SceneSettings.defaults();
        stage(settings, new CountingEmbedder(clip, 4));

        List<VideoFrameEvent> frames = ScenesTopologyTest.liveFrames("camera-9");
        for (VideoFrameEvent frame : frames) {
            pipeline.pipe(topics.videoFrames(), "camera-9", frame);
        }
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        assertThat(pipeline.readValues(topics.deadLetter())).singleElement().satisfies(d -> {
            assertThat(d.getErrorClass()).isEqualTo("MODEL_ERROR");
            assertThat(d.getEventId()).isEqualTo(frames.get(4).getEventId());
            assertThat(d.getReason()).contains("tiny-clip").contains("montage.scenes.signal=histogram");
        });
        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        ScenesTopologyTest.assertWithinOneSampledFrame(scenes);
        assertThat(scenes).extracting(SceneDescription::getFrameCount).containsExactly(6, 5, 6);
    }

    /** A clip is one input: CLIP failing on any of its frames dead-letters it, with no scene of it written. */
    @Test
    void aClipOnOneOfWhoseFramesClipFailsIsDeadLettered() throws IOException {
        stage(SceneSettings.defaults(), new CountingEmbedder(clip, 17));

        pipeline.pipe(topics.videos(), "clip-3", clipEvent("clip-3"));

        DeadLetter deadLetter = pipeline.readValues(topics.deadLetter()).stream()
                .filter(d -> d.getErrorClass().equals("MODEL_ERROR"))
                .findFirst()
                .orElseThrow();
        assertThat(deadLetter.getEventId()).isEqualTo("clip-3");
        assertThat(deadLetter.getReason())
                .contains("frames 16 to 17 of this clip")
                .contains("montage.scenes.signal");
        assertThat(pipeline.readValues(topics.scenes())).isEmpty();
        assertThat(pipeline.readValues(topics.generatedMedia())).isEmpty();
    }

    @Test
    void histogramCutsOnColoursWhereClipIsLoadedAndClipWithoutItDoesNotStart() throws IOException {
        CountingEmbedder counted = new CountingEmbedder(clip, -1);
        stage(SceneSettings.defaults().withSignal(SceneSettings.Signal.HISTOGRAM), counted);

        pipeline.pipe(topics.videos(), "clip-4", clipEvent("clip-4"));

        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        ScenesTopologyTest.assertWithinOneSampledFrame(scenes);
        assertThat(scenes)
                .allSatisfy(scene -> assertThat(scene.getModel().getId()).isEqualTo("colour-histogram-scenes"));
        assertThat(counted.picturesPerCall()).isEmpty();

        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs-no-clip"));
        assertThatThrownBy(() -> new SceneStage(
                        resolver,
                        new ProbedImage(resolver, new FfmpegImageDecoder(TestTopologies.LIMITS)),
                        new FfmpegVideoFrames(TestTopologies.LIMITS),
                        SceneSettings.defaults().withSignal(SceneSettings.Signal.CLIP),
                        KeyframeModels.none(),
                        TestTopologies.outputs(dir.resolve("blobs-no-clip"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("montage.scenes.signal is clip")
                .hasMessageContaining("image-embed");
        assertThat(SceneStage.status(SceneSettings.defaults(), KeyframeModels.none()))
                .startsWith("scenes cut on colour histograms");
    }

    private SceneStage stage(SceneSettings settings, ImageEmbedder embedder) {
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs"));
        SceneStage stage = new SceneStage(
                resolver,
                new ProbedImage(resolver, new FfmpegImageDecoder(TestTopologies.LIMITS)),
                new FfmpegVideoFrames(TestTopologies.LIMITS),
                settings,
                KeyframeModels.none()
                        .withFrameEmbedder(
                                new KeyframeModels.FrameEmbedder(embedder, new ModelRef(TinyClip.ID, null, "cpu"))),
                TestTopologies.outputs(dir.resolve("blobs")));
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withScenes(stage));
        return stage;
    }

    private static VideoEvent clipEvent(String eventId) {
        return VideoEvent.newBuilder()
                .setEventId(eventId)
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(SyntheticClip.mp4(SEGMENTS, 320, 240)))
                        .build())
                .build();
    }

    /**
     * The tiny CLIP, with a count of the pictures it is given per call; where {@code failOnPicture} is
     * not negative, the call holding the picture of that number (from 0) fails as a model run does.
     */
    private static final class CountingEmbedder implements ImageEmbedder {
        private final ImageEmbedder embedder;
        private final int failOnPicture;
        private final AtomicInteger pictures = new AtomicInteger();
        private final List<Integer> perCall = Collections.synchronizedList(new ArrayList<>());

        CountingEmbedder(ImageEmbedder embedder, int failOnPicture) {
            this.embedder = embedder;
            this.failOnPicture = failOnPicture;
        }

        List<Integer> picturesPerCall() {
            return List.copyOf(perCall);
        }

        private void count(int size) {
            int first = pictures.getAndAdd(size);
            perCall.add(size);
            if (failOnPicture >= first && failOnPicture < first + size) {
                throw new ModelRunException("the model run failed on picture " + failOnPicture, null);
            }
        }

        @Override
        public float[] embedImage(BufferedImage image) {
            count(1);
            return embedder.embedImage(image);
        }

        @Override
        public Timed<float[]> embedImageTimed(BufferedImage image) {
            count(1);
            return embedder.embedImageTimed(image);
        }

        @Override
        public List<float[]> embedImages(List<BufferedImage> images) {
            count(images.size());
            return embedder.embedImages(images);
        }

        @Override
        public List<Timed<float[]>> embedImagesTimed(List<BufferedImage> images) {
            count(images.size());
            return embedder.embedImagesTimed(images);
        }

        @Override
        public int dimension() {
            return embedder.dimension();
        }

        @Override
        public String modelId() {
            return embedder.modelId();
        }

        @Override
        public void close() {
            // the tiny CLIP is closed by the test
        }
    }
}
