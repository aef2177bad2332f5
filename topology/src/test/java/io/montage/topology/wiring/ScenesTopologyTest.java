package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.montage.models.batching.Timed;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegVideoFrames;
import io.montage.models.media.SyntheticClip;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.video.ContactSheet;
import io.montage.models.video.SummaryVideo;
import io.montage.models.vision.caption.GeneratedCaption;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.caption.VisionEncoderDecoderCaptioner;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.clip.TinyClip;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.blob.OutputMedia;
import io.montage.processors.stage.StageId;
import io.montage.processors.video.KeyframeModels;
import io.montage.processors.video.SceneSettings;
import io.montage.processors.video.SceneStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.VideoEvent;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.kafka.streams.KeyValue;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenes stage wired as in production: an uploaded clip (videos → probe → probes → scenes) and
 * a live stream's frames (video-frames, keyed by stream id → probe → probes → scenes) both become
 * {@code scenes} records, through the same tracker; the live stream's state lives in the stage's
 * store, and its last scene closes when the stream goes idle (the test driver's wall clock). A clip
 * also gets a contact sheet, a summary video and its WebVTT track on {@code generated-media}.
 */
class ScenesTopologyTest {

    private static final long SAMPLE_MICROS = 500_000;
    private static final List<SyntheticClip.Segment> SEGMENTS = SyntheticClip.threeScenes();
    private static final long[] CUTS = SyntheticClip.cutsMicros(SEGMENTS);

    @TempDir
    Path dir;

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private final SceneSettings settings = SceneSettings.defaults();
    private TestPipeline pipeline;

    @BeforeEach
    void build() {
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs"));
        SceneStage scenes = sceneStage(resolver, KeyframeModels.none(), TestTopologies.outputs(dir.resolve("blobs")));
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withScenes(scenes));
    }

    /** The scenes stage as production builds it, with these keyframe models and output placement. */
    private SceneStage sceneStage(MediaResolver resolver, KeyframeModels keyframeModels, OutputMedia outputs) {
        return new SceneStage(
                resolver,
                new ProbedImage(resolver, new FfmpegImageDecoder(TestTopologies.LIMITS)),
                new FfmpegVideoFrames(TestTopologies.LIMITS),
                settings,
                keyframeModels,
                outputs);
    }

    @AfterEach
    void close() {
        pipeline.close();
        for (AutoCloseable model : models) {
            try {
                model.close();
            } catch (Exception e) {
                throw new IllegalStateException("a test model did not close: " + e.getMessage(), e);
            }
        }
    }

    private final List<AutoCloseable> models = new ArrayList<>();

    /**
     * With the caption model and CLIP with labels loaded in the instance, each scene's keyframe is
     * captioned and labelled once: the tiny random-weight vit-gpt2 and CLIP exports stand in for the
     * Hugging Face-only weights, so this pins the wiring and the count of model calls, never the words.
     */
    @Test
    void eachScenesKeyframeIsCaptionedAndLabelledOnceWhereThoseModelsAreLoaded() throws IOException {
        ModelRuntime runtime = new ModelRuntime(RuntimeSettings.cpu());
        ImageCaptioner captioner = VisionEncoderDecoderCaptioner.builder()
                .files(TinyCaptionModels.vitGpt2(Files.createDirectories(dir.resolve("vit-gpt2"))))
                .runtime(runtime)
                .build();
        models.add(captioner);
        ClipEmbedder clip = ClipEmbedder.builder()
                .files(TinyClip.files(Files.createDirectories(dir.resolve("clip"))))
                .runtime(runtime)
                .build();
        models.add(clip);
        CountingCaptioner counted = new CountingCaptioner(captioner);
        List<String> prompts = List.of("a photo of a market", "a photo of a forest");
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs-models"));
        SceneStage scenes = sceneStage(
                resolver,
                KeyframeModels.none()
                        .withCaptioner(new KeyframeModels.KeyframeCaptioner(
                                counted, new ModelRef("tiny-vit-gpt2", null, "cpu")))
                        .withLabeller(new KeyframeModels.KeyframeLabeller(
                                clip, ZeroShotLabels.ofPrompts(clip, prompts), new ModelRef(TinyClip.ID, null, "cpu"))),
                TestTopologies.outputs(dir.resolve("blobs-models")));
        pipeline.close();
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withScenes(scenes));

        pipeline.pipe(
                topics.videos(),
                "clip-3",
                VideoEvent.newBuilder()
                        .setEventId("clip-3")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(SyntheticClip.mp4(SEGMENTS, 320, 240)))
                                .build())
                        .build());

        List<SceneDescription> values = pipeline.readValues(topics.scenes());
        assertWithinOneSampledFrame(values);
        assertThat(values).extracting(SceneDescription::getCaption).doesNotContainNull();
        assertThat(values).allSatisfy(scene -> {
            assertThat(scene.getLabels()).extracting(LabelScore::getLabel).containsExactlyElementsOf(prompts);
            assertThat(scene.getLabels().stream()
                            .mapToDouble(LabelScore::getScore)
                            .sum())
                    .isCloseTo(1.0, within(1e-4));
        });
        assertThat(values).extracting(SceneDescription::getOcrText).containsOnlyNulls();
        int framesReceived =
                values.stream().mapToInt(SceneDescription::getFrameCount).sum();
        System.out.printf(
                "Scenes: %d frames received, %d captioned (%.3f)%n",
                framesReceived, counted.calls(), (double) counted.calls() / framesReceived);
        assertThat(framesReceived).isEqualTo(18);
        assertThat(counted.calls()).as("one caption per scene, of its keyframe").isEqualTo(3);
        assertThat(pipeline.readValues(topics.deadLetter())).isEmpty();
    }

    /** The real captioner, with a count of the images it was given. */
    private static final class CountingCaptioner implements ImageCaptioner {
        private final ImageCaptioner captioner;
        private final AtomicInteger calls = new AtomicInteger();

        CountingCaptioner(ImageCaptioner captioner) {
            this.captioner = captioner;
        }

        int calls() {
            return calls.get();
        }

        @Override
        public GeneratedCaption caption(BufferedImage image) {
            calls.incrementAndGet();
            return captioner.caption(image);
        }

        @Override
        public Timed<GeneratedCaption> captionTimed(BufferedImage image) {
            calls.incrementAndGet();
            return captioner.captionTimed(image);
        }

        @Override
        public List<GeneratedCaption> captionAll(List<BufferedImage> images) {
            calls.addAndGet(images.size());
            return captioner.captionAll(images);
        }

        @Override
        public List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images) {
            calls.addAndGet(images.size());
            return captioner.captionAllTimed(images);
        }

        @Override
        public String modelId() {
            return captioner.modelId();
        }

        @Override
        public void close() {
            // the wrapped captioner is closed by the test
        }
    }

    @Test
    void anUploadedClipOfThreeSegmentsIsThreeScenesCutWithinOneSampledFrame() throws IOException {
        byte[] clip = SyntheticClip.mp4(SEGMENTS, 320, 240);

        pipeline.pipe(
                topics.videos(),
                "clip-1",
                VideoEvent.newBuilder()
                        .setEventId("clip-1")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(clip))
                                .build())
                        .build());

        List<KeyValue<String, SceneDescription>> scenes = pipeline.read(topics.scenes());
        assertThat(scenes).extracting(kv -> kv.key).containsOnly("clip-1");
        List<SceneDescription> values = scenes.stream().map(kv -> kv.value).toList();
        assertWithinOneSampledFrame(values);
        assertThat(values)
                .extracting(SceneDescription::getClosedBy)
                .containsExactly(SceneClosedBy.NEXT_SCENE, SceneClosedBy.NEXT_SCENE, SceneClosedBy.END_OF_CLIP);
        assertThat(values)
                .extracting(SceneDescription::getEndPtsMicros)
                .containsExactly(
                        values.get(1).getStartPtsMicros(), values.get(2).getStartPtsMicros(), 9_000_000L);
        assertThat(values).extracting(SceneDescription::getFrameCount).containsExactly(7, 5, 6);
        assertThat(values).extracting(SceneDescription::getOcrText).containsOnlyNulls();
        SceneDescription market = values.get(1);
        assertThat(market.getEventId()).isEqualTo("clip-1");
        assertThat(market.getKeyframe().getContentType()).isEqualTo("image/jpeg");
        BufferedImage keyframe = ImageIO.read(
                new ByteArrayInputStream(market.getKeyframe().getInline().array()));
        assertThat(keyframe.getWidth()).isEqualTo(320);
        int centreLeft = keyframe.getRGB(20, 200);
        assertThat(centreLeft >> 16 & 0xff).as("the MARKET keyframe is red").isGreaterThan(120);
        assertThat(pipeline.readValues(topics.deadLetter())).isEmpty();
    }

    @Test
    void anUploadedClipGetsAContactSheetASummaryVideoAndItsSubtitles() throws IOException {
        pipeline.pipe(
                topics.videos(),
                "clip-2",
                VideoEvent.newBuilder()
                        .setEventId("clip-2")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(SyntheticClip.mp4(SEGMENTS, 640, 360)))
                                .build())
                        .build());

        List<KeyValue<String, GeneratedMedia>> generated = pipeline.read(topics.generatedMedia());
        assertThat(generated).allSatisfy(kv -> {
            assertThat(kv.key).isEqualTo("clip-2");
            assertThat(kv.value.getEventId()).isEqualTo("clip-2");
        });
        assertThat(generated)
                .extracting(kv -> kv.value.getKind(), kv -> kv.value.getContentType())
                .containsExactly(
                        tuple(GeneratedKind.IMAGE, "image/jpeg"),
                        tuple(GeneratedKind.VIDEO_SUMMARY, "video/mp4"),
                        tuple(GeneratedKind.SUBTITLES, "text/vtt"));
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(
                generated.get(0).value.getMedia().getInline().array()));
        // Three tiles of 320 x 180 (the clip's 16:9) in one row, with a label band under them.
        assertThat(sheet.getWidth()).isEqualTo(3 * ContactSheet.TILE_WIDTH);
        assertThat(sheet.getHeight()).isEqualTo(180 + ContactSheet.LABEL_HEIGHT);
        assertThat(new Color(sheet.getRGB(ContactSheet.TILE_WIDTH + 10, 170)).getRed())
                .as("the second tile is the red MARKET scene")
                .isGreaterThan(120);

        // The summary: the three keyframes, in order, each held for the same time.
        byte[] mp4 = generated.get(1).value.getMedia().getInline().array();
        int perKeyframe = SummaryVideo.FRAME_RATE * SummaryVideo.HOLD_SECONDS;
        List<Integer> reds = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4));
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                reds.add(new Color(converter.convert(frame).getRGB(20, 180)).getRed());
            }
            grabber.stop();
        }
        assertThat(reds).hasSize(3 * perKeyframe);
        assertThat(reds.subList(perKeyframe, 2 * perKeyframe))
                .as("the second keyframe shown is the red MARKET scene")
                .allSatisfy(red -> assertThat(red).isGreaterThan(120));
        assertThat(reds.get(0)).as("the first is the blue HARBOUR scene").isLessThan(120);

        // Its track: one cue per scene, naming the scene's times in the clip.
        String vtt = new String(generated.get(2).value.getMedia().getInline().array(), StandardCharsets.UTF_8);
        assertThat(vtt).startsWith("WEBVTT\n");
        assertThat(vtt.split("\n\n")).hasSize(1 + 3);
        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        assertThat(scenes).hasSize(3);
        for (int i = 0; i < scenes.size(); i++) {
            SceneDescription scene = scenes.get(i);
            assertThat(vtt)
                    .contains(String.format(
                            Locale.ROOT,
                            "00:00:%02d.000 --> 00:00:%02d.000\nScene %d · 0:%04.1f–0:%04.1f",
                            i * SummaryVideo.HOLD_SECONDS,
                            (i + 1) * SummaryVideo.HOLD_SECONDS,
                            i,
                            Math.floor(scene.getStartPtsMicros() / 100_000.0) / 10,
                            Math.floor(scene.getEndPtsMicros() / 100_000.0) / 10));
        }
    }

    /**
     * Above montage.outputs.inline.max-bytes the contact sheet and summary go to the blob store and
     * their records carry references that resolve to the same bytes; the small cue track stays inline.
     */
    @Test
    void generatedMediaOverTheInlineLimitAreWrittenByReference() throws Exception {
        Path blobs = dir.resolve("blobs-by-reference");
        MediaResolver resolver = TestTopologies.resolver(blobs);
        SceneStage scenes =
                sceneStage(resolver, KeyframeModels.none(), new OutputMedia(new FileBlobStore(blobs), 2_000));
        pipeline.close();
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withScenes(scenes));

        pipeline.pipe(
                topics.videos(),
                "clip-by-reference",
                VideoEvent.newBuilder()
                        .setEventId("clip-by-reference")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(SyntheticClip.mp4(SEGMENTS, 640, 360)))
                                .build())
                        .build());

        List<GeneratedMedia> generated = pipeline.readValues(topics.generatedMedia());
        assertThat(generated)
                .extracting(GeneratedMedia::getKind, media -> media.getMedia().getReference() != null)
                .containsExactly(
                        tuple(GeneratedKind.IMAGE, true),
                        tuple(GeneratedKind.VIDEO_SUMMARY, true),
                        tuple(GeneratedKind.SUBTITLES, false));
        Media sheet = generated.get(0).getMedia();
        assertThat(sheet.getInline()).isNull();
        assertThat(sheet.getReference().getUri()).startsWith(blobs.toUri().toString());
        assertThat(sheet.getReference().getContentType()).isEqualTo("image/jpeg");
        assertThat(sheet.getFileName()).isEqualTo("clip-by-reference-contact-sheet.jpg");
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(resolver.bytes(sheet)));
        assertThat(picture.getWidth()).isEqualTo(3 * ContactSheet.TILE_WIDTH);
        byte[] summary = resolver.bytes(generated.get(1).getMedia());
        assertThat(summary.length)
                .as("the summary's size, as its reference says")
                .isEqualTo(generated.get(1).getMedia().getReference().getSize());
        assertThat(new String(generated.get(2).getMedia().getInline().array(), StandardCharsets.UTF_8))
                .startsWith("WEBVTT");
    }

    @Test
    void aLiveStreamsFramesBecomeTheSameScenesAndTheLastClosesWhenTheStreamGoesIdle() throws IOException {
        for (VideoFrameEvent frame : liveFrames("camera-7")) {
            pipeline.pipe(topics.videoFrames(), "camera-7", frame);
        }
        List<SceneDescription> beforeIdle = pipeline.readValues(topics.scenes());

        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        List<SceneDescription> scenes = new ArrayList<>(beforeIdle);
        scenes.addAll(pipeline.readValues(topics.scenes()));
        assertThat(beforeIdle).hasSize(2);
        assertWithinOneSampledFrame(scenes);
        assertThat(scenes).extracting(SceneDescription::getStreamId).containsOnly("camera-7");
        assertThat(scenes)
                .extracting(SceneDescription::getClosedBy)
                .containsExactly(SceneClosedBy.NEXT_SCENE, SceneClosedBy.NEXT_SCENE, SceneClosedBy.IDLE);
        assertThat(scenes.get(1).getEventId()).isEqualTo("camera-7-frame-7");
        assertThat(scenes.get(1).getKeyframeFrame().getFrameIndex()).isEqualTo(7);
    }

    @Test
    void framesOutOfOrderWithinTheGracePeriodGiveTheSameScenes() throws IOException {
        List<VideoFrameEvent> inOrder = liveFrames("in-order");
        List<VideoFrameEvent> shuffled = shuffledWithinOneSecond(liveFrames("shuffled"), new Random(3));
        for (int i = 0; i < inOrder.size(); i++) {
            pipeline.pipe(topics.videoFrames(), "in-order", inOrder.get(i));
            pipeline.pipe(topics.videoFrames(), "shuffled", shuffled.get(i));
        }
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        assertThat(times(scenes, "shuffled"))
                .isEqualTo(times(scenes, "in-order"))
                .hasSize(3);
        assertThat(pipeline.readValues(topics.deadLetter())).isEmpty();
    }

    @Test
    void aFrameLaterThanTheGracePeriodIsDeadLetteredAndTheScenesStand() throws IOException {
        List<VideoFrameEvent> frames = liveFrames("late");
        VideoFrameEvent late = frames.remove(3);
        frames.forEach(frame -> pipeline.pipe(topics.videoFrames(), "late", frame));

        pipeline.pipe(topics.videoFrames(), "late", late);
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        List<DeadLetter> deadLetters = pipeline.readValues(topics.deadLetter());
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.getErrorClass()).isEqualTo("LATE_FRAME");
            assertThat(d.getEventId()).isEqualTo(late.getEventId());
            assertThat(d.getReason()).contains("montage.scenes.grace");
        });
        assertThat(pipeline.readValues(topics.scenes())).hasSize(3);
    }

    /** Live updates every second of stream time (the default is 5 s), no windows. */
    private static final SceneSettings EVERY_SECOND = SceneSettings.defaults()
            .withLiveUpdateInterval(Duration.ofSeconds(1))
            .withLiveWindow(Duration.ZERO);

    /**
     * The open scene so far, at its first placed frame and then once per second of stream time, as
     * (scene, latest frame's time, frames so far): the synthetic stream's scenes start at 0, 3.5 and
     * 6.0 s, frames come every 0.5 s, and the grace holds back the last second's frames until the
     * stream goes idle, when a tombstone says no scene is open.
     */
    private static final List<List<Long>> UPDATES_EVERY_SECOND = List.of(
            List.of(0L, 0L, 1L),
            List.of(0L, 1_000_000L, 3L),
            List.of(0L, 2_000_000L, 5L),
            List.of(0L, 3_000_000L, 7L),
            List.of(1L, 3_500_000L, 1L),
            List.of(1L, 4_500_000L, 3L),
            List.of(1L, 5_500_000L, 5L),
            List.of(2L, 6_000_000L, 1L),
            List.of(2L, 7_000_000L, 3L));

    @Test
    void aLiveStreamsOpenSceneSoFarIsWrittenWhenItOpensAndOncePerIntervalOfStreamTimeThenTombstonedWhenIdle()
            throws IOException {
        CountingCaptioner captioner = tinyCaptioner();
        pipeline.close();
        pipeline = pipelineWith(
                EVERY_SECOND,
                KeyframeModels.none()
                        .withCaptioner(new KeyframeModels.KeyframeCaptioner(
                                captioner, new ModelRef("tiny-vit-gpt2", null, "cpu"))));

        liveFrames("camera-7").forEach(frame -> pipeline.pipe(topics.videoFrames(), "camera-7", frame));
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        List<KeyValue<String, SceneDescription>> open = pipeline.read(topics.scenesOpen());
        assertThat(open).extracting(kv -> kv.key).containsOnly("camera-7");
        assertThat(open.get(open.size() - 1).value)
                .as("the idle close's tombstone")
                .isNull();
        List<SceneDescription> updates =
                open.subList(0, open.size() - 1).stream().map(kv -> kv.value).toList();
        assertThat(soFar(updates)).isEqualTo(UPDATES_EVERY_SECOND);
        assertThat(updates).extracting(SceneDescription::getClosedBy).containsOnly(SceneClosedBy.ONGOING);
        List<SceneDescription> scenes = pipeline.readValues(topics.scenes());
        assertWithinOneSampledFrame(scenes);
        for (SceneDescription update : updates) {
            SceneDescription closed = scenes.get((int) update.getSceneIndex());
            assertThat(update.getKeyframeFrame()).isEqualTo(closed.getKeyframeFrame());
            assertThat(update.getKeyframe().getInline())
                    .isEqualTo(closed.getKeyframe().getInline());
            assertThat(update.getCaption()).isNotNull().isEqualTo(closed.getCaption());
        }
        assertThat(captioner.calls())
                .as("each scene's keyframe captioned once, at its first update, not again for later ones or its close")
                .isEqualTo(3);
    }

    @Test
    void noOpenSceneOrWindowIsWrittenWhereLiveUpdatesAndWindowsAreOffAndTheScenesStandAsBefore() throws IOException {
        pipeline.close();
        pipeline = pipelineWith(
                SceneSettings.defaults().withLiveUpdateInterval(Duration.ZERO).withLiveWindow(Duration.ZERO),
                KeyframeModels.none());

        liveFrames("camera-7").forEach(frame -> pipeline.pipe(topics.videoFrames(), "camera-7", frame));
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        assertThat(pipeline.read(topics.scenesOpen())).isEmpty();
        assertThat(pipeline.read(topics.generatedMedia())).isEmpty();
        assertWithinOneSampledFrame(pipeline.readValues(topics.scenes()));
    }

    /**
     * A restart from the stores as they were (what the changelogs restore) neither repeats an update nor
     * misses one, and the window whose first scene was kept before the restart is written once, whole.
     */
    @Test
    void aRestartWithTheStoredStateWritesNoUpdateOrWindowTwiceAndMissesNone() throws IOException {
        pipeline.close();
        pipeline = pipelineWith(EVERY_SECOND.withLiveWindow(Duration.ofSeconds(4)), KeyframeModels.none());
        List<VideoFrameEvent> frames = liveFrames("camera-7");

        frames.subList(0, 10).forEach(frame -> pipeline.pipe(topics.videoFrames(), "camera-7", frame));
        pipeline.restart(StageId.SCENES.id());
        frames.subList(10, frames.size()).forEach(frame -> pipeline.pipe(topics.videoFrames(), "camera-7", frame));
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));

        List<SceneDescription> open = pipeline.readValues(topics.scenesOpen());
        assertThat(soFar(open.subList(0, open.size() - 1))).isEqualTo(UPDATES_EVERY_SECOND);
        assertThat(open.get(open.size() - 1)).isNull();
        assertWithinOneSampledFrame(pipeline.readValues(topics.scenes()));
        List<GeneratedMedia> generated = pipeline.readValues(topics.generatedMedia());
        assertThat(decodedFrames(generated.get(1)))
                .as("window 0 shows scene 0, kept in the store across the restart, and scene 1")
                .isEqualTo(2 * SummaryVideo.FRAME_RATE * SummaryVideo.HOLD_SECONDS);
        assertThat(generated)
                .extracting(
                        GeneratedMedia::getEventId, media -> media.getMedia().getFileName())
                .containsExactly(
                        tuple("camera-7-window-0", "camera-7-window-0-contact-sheet.jpg"),
                        tuple("camera-7-window-0", "camera-7-window-0-summary.mp4"),
                        tuple("camera-7-window-0", "camera-7-window-0-summary.vtt"),
                        tuple("camera-7-window-1", "camera-7-window-1-contact-sheet.jpg"),
                        tuple("camera-7-window-1", "camera-7-window-1-summary.mp4"),
                        tuple("camera-7-window-1", "camera-7-window-1-summary.vtt"));
    }

    /**
     * With 4-second windows, the first window ends with the scene that ends past 4 s (the second, at
     * 6.0 s) and the last when the stream goes idle: each gets a contact sheet, a summary video that
     * FFmpeg decodes to its keyframes' frames, and the summary's WebVTT track.
     */
    @Test
    void aLiveStreamGetsAContactSheetAndASummaryVideoPerWindowOfStreamTime() throws IOException {
        pipeline.close();
        pipeline = pipelineWith(
                SceneSettings.defaults().withLiveUpdateInterval(Duration.ZERO).withLiveWindow(Duration.ofSeconds(4)),
                KeyframeModels.none());

        liveFrames("camera-7").forEach(frame -> pipeline.pipe(topics.videoFrames(), "camera-7", frame));
        List<KeyValue<String, GeneratedMedia>> beforeIdle = pipeline.read(topics.generatedMedia());
        pipeline.advanceWallClock(settings.idleTimeout().plusSeconds(1));
        List<KeyValue<String, GeneratedMedia>> generated = new ArrayList<>(beforeIdle);
        generated.addAll(pipeline.read(topics.generatedMedia()));

        assertThat(beforeIdle)
                .as("the first window, before the stream goes idle")
                .hasSize(3);
        assertThat(pipeline.entries(StageId.SCENES.id(), "scenes-kept-scenes"))
                .as("the written windows' kept scenes are deleted")
                .isZero();
        assertThat(generated).extracting(kv -> kv.key).containsOnly("camera-7");
        assertThat(generated)
                .extracting(kv -> kv.value.getEventId(), kv -> kv.value.getKind())
                .containsExactly(
                        tuple("camera-7-window-0", GeneratedKind.IMAGE),
                        tuple("camera-7-window-0", GeneratedKind.VIDEO_SUMMARY),
                        tuple("camera-7-window-0", GeneratedKind.SUBTITLES),
                        tuple("camera-7-window-1", GeneratedKind.IMAGE),
                        tuple("camera-7-window-1", GeneratedKind.VIDEO_SUMMARY),
                        tuple("camera-7-window-1", GeneratedKind.SUBTITLES));
        // Two 320 x 240 tiles in one row, then one, each with its label band.
        BufferedImage firstSheet = image(generated.get(0).value);
        assertThat(firstSheet.getWidth()).isEqualTo(2 * ContactSheet.TILE_WIDTH);
        assertThat(firstSheet.getHeight()).isEqualTo(240 + ContactSheet.LABEL_HEIGHT);
        BufferedImage secondSheet = image(generated.get(3).value);
        assertThat(secondSheet.getWidth()).isEqualTo(ContactSheet.TILE_WIDTH);
        int perKeyframe = SummaryVideo.FRAME_RATE * SummaryVideo.HOLD_SECONDS;
        assertThat(decodedFrames(generated.get(1).value)).isEqualTo(2 * perKeyframe);
        assertThat(decodedFrames(generated.get(4).value)).isEqualTo(perKeyframe);
        String firstCues =
                new String(generated.get(2).value.getMedia().getInline().array(), StandardCharsets.UTF_8);
        assertThat(firstCues).contains("scene-0\n", "scene-1\n").doesNotContain("scene-2");
        String secondCues =
                new String(generated.get(5).value.getMedia().getInline().array(), StandardCharsets.UTF_8);
        assertThat(secondCues).contains("scene-2\n", "Scene 2 · 0:06.0–");
    }

    private TestPipeline pipelineWith(SceneSettings live, KeyframeModels keyframeModels) {
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs-live"));
        SceneStage scenes = new SceneStage(
                resolver,
                new ProbedImage(resolver, new FfmpegImageDecoder(TestTopologies.LIMITS)),
                new FfmpegVideoFrames(TestTopologies.LIMITS),
                live,
                keyframeModels,
                TestTopologies.outputs(dir.resolve("blobs-live")));
        return TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withScenes(scenes));
    }

    private CountingCaptioner tinyCaptioner() throws IOException {
        ImageCaptioner captioner = VisionEncoderDecoderCaptioner.builder()
                .files(TinyCaptionModels.vitGpt2(Files.createDirectories(dir.resolve("vit-gpt2"))))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();
        models.add(captioner);
        return new CountingCaptioner(captioner);
    }

    private static List<List<Long>> soFar(List<SceneDescription> updates) {
        return updates.stream()
                .map(u -> List.of(u.getSceneIndex(), u.getEndPtsMicros(), (long) u.getFrameCount()))
                .toList();
    }

    private static BufferedImage image(GeneratedMedia media) throws IOException {
        return ImageIO.read(
                new ByteArrayInputStream(media.getMedia().getInline().array()));
    }

    private static int decodedFrames(GeneratedMedia summary) throws IOException {
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(
                new ByteArrayInputStream(summary.getMedia().getInline().array()))) {
            grabber.start();
            while (grabber.grabImage() != null) {
                frames++;
            }
            grabber.stop();
        }
        return frames;
    }

    static void assertWithinOneSampledFrame(List<SceneDescription> scenes) {
        assertThat(scenes).hasSize(3);
        assertThat(scenes).extracting(SceneDescription::getSceneIndex).containsExactly(0L, 1L, 2L);
        for (int i = 0; i < 3; i++) {
            long error = scenes.get(i).getStartPtsMicros() - CUTS[i];
            assertThat(error)
                    .as("scene %d starts %d us after its cut", i, error)
                    .isBetween(0L, SAMPLE_MICROS);
        }
    }

    private static List<List<Long>> times(List<SceneDescription> scenes, String streamId) {
        return scenes.stream()
                .filter(s -> s.getStreamId().equals(streamId))
                .map(s -> List.of(s.getStartPtsMicros(), s.getEndPtsMicros(), (long) s.getFrameCount()))
                .toList();
    }

    /** The three segments as a live camera sends them: JPEG frames at 2 fps, 9 s in all. */
    static List<VideoFrameEvent> liveFrames(String streamId) throws IOException {
        List<VideoFrameEvent> frames = new ArrayList<>();
        for (int index = 0; index < 18; index++) {
            long pts = index * SAMPLE_MICROS;
            int segment = CUTS.length - 1;
            while (CUTS[segment] > pts) {
                segment--;
            }
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(SyntheticClip.picture(SEGMENTS.get(segment), 320, 240), "jpeg", jpeg);
            frames.add(VideoFrameEvent.newBuilder()
                    .setEventId(streamId + "-frame-" + index)
                    .setFrame(new FrameRef(streamId, (long) index, pts))
                    .setMedia(Media.newBuilder()
                            .setInline(ByteBuffer.wrap(jpeg.toByteArray()))
                            .build())
                    .build());
        }
        return frames;
    }

    /** Frames swapped within runs of three (one second at 2 fps, the default grace). */
    private static List<VideoFrameEvent> shuffledWithinOneSecond(List<VideoFrameEvent> frames, Random random) {
        List<VideoFrameEvent> shuffled = new ArrayList<>(frames);
        for (int start = 0; start < shuffled.size(); start += 3) {
            Collections.shuffle(shuffled.subList(start, Math.min(shuffled.size(), start + 3)), random);
        }
        return shuffled;
    }
}
