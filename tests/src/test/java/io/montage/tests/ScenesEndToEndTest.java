package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.ContentKind;
import io.montage.models.media.SyntheticClip;
import io.montage.models.speech.TinyWhisper;
import io.montage.models.video.ContactSheet;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.processors.video.TranscriptOverlap;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Transcript;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An uploaded clip with a spoken track through a running Montage (embedded broker and registry,
 * real PP-OCRv4 and Silero VAD): a clip of three segments, each with a phrase espeak-ng says while
 * it is on screen, becomes three scenes, each carrying the word its keyframe shows and its
 * keyframe's caption, and a contact sheet of its three keyframes on {@code generated-media}; the
 * scene-transcripts stage then writes each scene again with the transcript segments that overlap
 * it. The Hugging Face-only caption and Whisper weights are stood in for by the tiny random-weight
 * exports, so captions and transcript words are noise: the test pins the wiring and the join, not
 * the words. Live streams: {@link LiveScenesEndToEndTest}.
 */
class ScenesEndToEndTest {

    private static final long SAMPLE_MICROS = 500_000;

    /** One phrase in each segment (3.2 s, 2.8 s, 3.0 s), well inside it. */
    private static final List<SpokenWords.Phrase> PHRASES = List.of(
            new SpokenWords.Phrase("boats in the harbour", 0.6),
            new SpokenWords.Phrase("fruit at the market", 3.8),
            new SpokenWords.Phrase("trees in the forest", 6.6));

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() throws Exception {
        Path catalog = UserCatalog.write(
                dataDir.resolve("my-models.json"),
                TinyCaptionModels.vitGpt2(Files.createDirectories(dataDir.resolve("vit-gpt2"))),
                TinyWhisper.files(Files.createDirectories(dataDir.resolve("whisper"))));
        montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(
                        MontageConfig.MODELS_CATALOG,
                        catalog.toString(),
                        MontageConfig.CAPTION_MODEL,
                        "tiny-vit-gpt2",
                        MontageConfig.SPEECH_MODEL,
                        "tiny-whisper"),
                "ocr",
                "caption",
                "transcribe",
                "scenes",
                "scene-transcripts");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void anUploadedClipBecomesThreeScenesWithTheTextOnTheirKeyframesAndTheSpeechDuringThem() throws Exception {
        List<SyntheticClip.Segment> segments = SyntheticClip.threeScenes();
        double seconds =
                segments.stream().mapToDouble(SyntheticClip.Segment::seconds).sum();
        SyntheticClip.Sound sound = SpokenWords.track(seconds, PHRASES);
        byte[] clip = SyntheticClip.mp4(segments, 640, 360, sound);
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("three-scenes.mp4"), clip, ContentKind.VIDEO)
                    .eventId();
        }

        List<SceneDescription> scenes =
                montage.awaitRecords(montage.app.topics().scenes(), eventId, 3, Duration.ofSeconds(90));

        long[] cuts = SyntheticClip.cutsAsPresentedMicros(clip, segments.size());
        List<Long> errors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SceneDescription scene = scenes.get(i);
            long error = scene.getStartPtsMicros() - cuts[i];
            errors.add(error);
            assertThat(error)
                    .as("scene %d starts %d us after its cut", i, error)
                    .isBetween(0L, SAMPLE_MICROS);
            assertThat(scene.getOcrText().toUpperCase(Locale.ROOT).replace(" ", ""))
                    .as("the text on scene %d's keyframe", i)
                    .contains(segments.get(i).word());
            assertThat(scene.getCaption()).as("scene %d's keyframe caption", i).isNotNull();
            assertThat(scene.getSoundTrack()).as("the clip has sound").isTrue();
            assertThat(scene.getTranscriptSegments())
                    .as("scenes are written before any transcript")
                    .isNull();
        }
        int sampled = scenes.stream().mapToInt(SceneDescription::getFrameCount).sum();
        System.out.printf(
                Locale.ROOT,
                "SCENES clip: boundary errors %s us (sampled every %d us); %d frames sampled, %d keyframes (%.1f "
                        + "frames per keyframe)%n",
                errors,
                SAMPLE_MICROS,
                sampled,
                scenes.size(),
                (double) sampled / scenes.size());
        assertThat(scenes.get(2).getClosedBy()).isEqualTo(SceneClosedBy.END_OF_CLIP);
        GeneratedMedia sheet = awaitContactSheet(eventId);
        BufferedImage picture = ImageIO.read(
                new ByteArrayInputStream(sheet.getMedia().getInline().array()));
        assertThat(sheet.getContentType()).isEqualTo("image/jpeg");
        assertThat(picture.getWidth()).isEqualTo(3 * ContactSheet.TILE_WIDTH);
        assertThat(picture.getHeight()).isEqualTo(180 + ContactSheet.LABEL_HEIGHT);

        Transcript transcript = montage.awaitRecords(
                        montage.app.topics().transcripts(), eventId, 1, Duration.ofSeconds(90))
                .get(0);
        assertThat(transcript.getNoSpeechReason())
                .as("Silero VAD heard espeak-ng's phrases")
                .isNull();
        assertThat(transcript.getAudioDurationMicros()).isCloseTo((long) (seconds * 1e6), within(100_000L));
        List<SceneDescription> joined =
                montage.awaitRecords(montage.app.topics().sceneTranscripts(), eventId, 3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            SceneDescription scene = joined.get(i);
            assertThat(scene.getSceneIndex()).isEqualTo(i);
            assertThat(scene.getStartPtsMicros()).isEqualTo(scenes.get(i).getStartPtsMicros());
            assertThat(scene.getTranscriptSegments())
                    .as("scene %d's segments: the transcript's that share time with it", i)
                    .isEqualTo(TranscriptOverlap.of(
                            transcript.getSegments(), scene.getStartPtsMicros(), scene.getEndPtsMicros()));
        }
        System.out.printf(
                Locale.ROOT,
                "SCENES speech: transcript segments %s; per scene %s%n",
                transcript.getSegments().stream()
                        .map(segment -> String.format(
                                Locale.ROOT,
                                "[%.2f-%.2f s]",
                                segment.getStartMicros() / 1e6,
                                segment.getEndMicros() / 1e6))
                        .toList(),
                joined.stream()
                        .map(scene -> scene.getTranscriptSegments().size())
                        .toList());
    }

    /**
     * A word that comes up during a scene, on the same background, does not cut it; the stage reads
     * the scene's frames after its keyframe (montage.scenes.text-interval, 5 s) and the scene's text
     * has both words, the keyframe's first.
     */
    @Test
    void textThatAppearsDuringASceneIsInItsText() throws Exception {
        java.awt.Color blue = new java.awt.Color(20, 40, 160);
        List<SyntheticClip.Segment> shots = List.of(
                new SyntheticClip.Segment(blue, "HARBOUR", 3.0),
                new SyntheticClip.Segment(blue, "TIDE", 3.5),
                new SyntheticClip.Segment(new java.awt.Color(170, 30, 30), "MARKET", 2.5));
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("text-during.mp4"), SyntheticClip.mp4(shots, 640, 360), ContentKind.VIDEO)
                    .eventId();
        }

        List<SceneDescription> scenes =
                montage.awaitRecords(montage.app.topics().scenes(), eventId, 2, Duration.ofSeconds(90));

        assertThat(scenes.get(0).getEndPtsMicros())
                .as("the second word on the same background does not cut")
                .isGreaterThan(6_000_000L);
        String first = scenes.get(0).getOcrText().toUpperCase(Locale.ROOT).replace(" ", "");
        assertThat(first).as("the first scene's text").contains("HARBOUR").contains("TIDE");
        assertThat(first.indexOf("HARBOUR")).as("the keyframe's text first").isLessThan(first.indexOf("TIDE"));
        assertThat(scenes.get(1).getOcrText().toUpperCase(Locale.ROOT).replace(" ", ""))
                .contains("MARKET")
                .doesNotContain("TIDE");
        System.out.printf(
                Locale.ROOT,
                "SCENES text during a scene: %s | %s%n",
                scenes.get(0).getOcrText().replace("\n", " / "),
                scenes.get(1).getOcrText().replace("\n", " / "));
    }

    /**
     * On a live stream, the text is read again on the frame that brings each update of the open scene
     * (montage.scenes.live-update-interval, 5 s): a word that comes up 3 s into a scene, on the same
     * background, is in the scene's text when it closes.
     */
    @Test
    void textThatAppearsDuringALiveSceneIsInItsText() throws Exception {
        java.awt.Color blue = new java.awt.Color(20, 40, 160);
        try (MediaSender sender = montage.sender()) {
            for (int index = 0; index < 14; index++) {
                SyntheticClip.Segment shown = new SyntheticClip.Segment(blue, index < 6 ? "HARBOUR" : "TIDE", 0.5);
                sender.produce(
                        montage.app.topics().videoFrames(),
                        "camera-text",
                        LiveCamera.frame("camera-text", index, index * SAMPLE_MICROS, shown, 640, 360));
            }
        }

        // One scene, closed when the stream goes idle (10 s).
        SceneDescription scene = montage.awaitRecords(
                        montage.app.topics().scenes(), "camera-text", 1, Duration.ofSeconds(60))
                .get(0);

        String text = scene.getOcrText().toUpperCase(Locale.ROOT).replace(" ", "");
        assertThat(text).as("the live scene's text").contains("HARBOUR").contains("TIDE");
        assertThat(text.indexOf("HARBOUR")).as("the keyframe's text first").isLessThan(text.indexOf("TIDE"));
        System.out.printf(
                Locale.ROOT,
                "SCENES text during a live scene: %s%n",
                scene.getOcrText().replace("\n", " / "));
    }

    private static GeneratedMedia awaitContactSheet(String eventId) {
        List<GeneratedMedia> sheets = new ArrayList<>();
        try (TopicTail<SpecificRecord> tail = montage.tail(montage.app.topics().generatedMedia())) {
            await("the contact sheet of " + eventId)
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), r -> {
                            GeneratedMedia media = (GeneratedMedia) r.value();
                            if (eventId.equals(media.getEventId()) && media.getKind() == GeneratedKind.IMAGE) {
                                sheets.add(media);
                            }
                        });
                        assertThat(sheets).hasSize(1);
                    });
        }
        return sheets.get(0);
    }
}
