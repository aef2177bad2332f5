package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.ContentKind;
import io.montage.models.media.SyntheticClip;
import io.montage.models.vision.clip.TinyClip;
import io.montage.schemas.avro.SceneDescription;
import io.montage.topology.client.MediaSender;
import io.montage.topology.config.MontageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenes stage in a running Montage with the image-embed stage beside it: the scenes are cut on
 * the CLIP embeddings of the image-embed stage's model (the tiny random-weight CLIP export, which
 * separates the synthetic clip's colour fields; the real ViT-B/32 weights are Hugging Face-only), and
 * each record says so. Cuts on histograms: {@link ScenesEndToEndTest}.
 */
class ClipScenesEndToEndTest {

    private static final long SAMPLE_MICROS = 500_000;

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() throws IOException {
        Path catalog = UserCatalog.write(
                dataDir.resolve("my-models.json"), TinyClip.files(Files.createDirectories(dataDir.resolve("clip"))));
        montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(
                        MontageConfig.MODELS_CATALOG,
                        catalog.toString(),
                        MontageConfig.IMAGE_EMBEDDING_MODEL,
                        TinyClip.ID),
                "image-embed",
                "scenes");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void aClipsScenesAreCutOnTheImageEmbedStagesClipModel() throws IOException {
        List<SyntheticClip.Segment> segments = SyntheticClip.threeScenes();
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("three-scenes.mp4"), SyntheticClip.mp4(segments, 320, 240), ContentKind.VIDEO)
                    .eventId();
        }

        List<SceneDescription> scenes =
                montage.awaitRecords(montage.app.topics().scenes(), eventId, 3, Duration.ofSeconds(90));

        long[] cuts = SyntheticClip.cutsMicros(segments);
        for (int i = 0; i < 3; i++) {
            long error = scenes.get(i).getStartPtsMicros() - cuts[i];
            assertThat(error)
                    .as("scene %d starts %d us after its cut", i, error)
                    .isBetween(0L, SAMPLE_MICROS);
            assertThat(scenes.get(i).getModel().getId()).isEqualTo("clip-scenes");
            assertThat(scenes.get(i).getModel().getVersion()).startsWith(TinyClip.ID);
        }
    }
}
