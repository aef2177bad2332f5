package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.ContentKind;
import io.montage.models.media.SyntheticClip;
import io.montage.models.video.ContactSheet;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
 * An uploaded clip through a running Montage (embedded broker and registry, real PP-OCRv4): a clip
 * of three segments becomes three scenes, each carrying the word its keyframe shows, and a contact
 * sheet of its three keyframes on {@code generated-media}. Needs the
 * npm-hosted OCR model: skipped, saying why, where it cannot be fetched. Live streams:
 * {@link LiveScenesEndToEndTest}.
 */
class ScenesEndToEndTest {

    private static final long SAMPLE_MICROS = 500_000;

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        montage = RunningMontage.startWithStages(dataDir, Map.of(), "ocr", "scenes");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void anUploadedClipBecomesThreeScenesWithTheTextOnTheirKeyframes() throws Exception {
        List<SyntheticClip.Segment> segments = SyntheticClip.threeScenes();
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("three-scenes.mp4"), SyntheticClip.mp4(segments, 640, 360), ContentKind.VIDEO)
                    .eventId();
        }

        List<SceneDescription> scenes = awaitScenes(eventId, 3, Duration.ofSeconds(90));

        long[] cuts = SyntheticClip.cutsMicros(segments);
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

    private static List<SceneDescription> awaitScenes(String streamId, int count, Duration within) {
        List<SceneDescription> scenes = new ArrayList<>();
        try (TopicTail<SpecificRecord> tail = montage.tail(montage.app.topics().scenes())) {
            await("the scenes of " + streamId).atMost(within).pollInSameThread().untilAsserted(() -> {
                tail.poll(Duration.ofMillis(200), r -> {
                    if (streamId.equals(r.key())) {
                        scenes.add((SceneDescription) r.value());
                    }
                });
                assertThat(scenes).hasSize(count);
            });
        }
        return scenes;
    }
}
