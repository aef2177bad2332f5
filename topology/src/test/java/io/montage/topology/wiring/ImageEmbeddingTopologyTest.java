package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.clip.TinyClip;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.vision.ImageEmbeddingStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.AudioEvent;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-embedding stage wired as in production — images → probe → probes → image-embed →
 * embeddings — with the tiny random-weight CLIP towers standing in for the Hugging Face-only
 * weights: same export I/O, same code path on CPU.
 */
class ImageEmbeddingTopologyTest {

    @TempDir
    Path dir;

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private ClipEmbedder clip;
    private TestPipeline pipeline;

    @BeforeEach
    void build() throws IOException {
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs"));
        clip = ClipEmbedder.builder()
                .files(TinyClip.files(dir))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();
        ZeroShotLabels labels = ZeroShotLabels.ofPrompts(clip, List.of("a photo of a weapon", "a landscape"));
        ImageEmbeddingStage stage = new ImageEmbeddingStage(
                new ProbedImage(resolver, new FfmpegImageDecoder(TestTopologies.LIMITS)),
                clip,
                labels,
                new ModelRef(TinyClip.ID, null, "cpu"));
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withImageEmbedding(stage));
    }

    @AfterEach
    void close() {
        pipeline.close();
        clip.close();
    }

    @Test
    void aProbedImageBecomesAUnitClipEmbeddingWithZeroShotScores() throws IOException {
        pipeline.pipe(
                topics.images(),
                "img-1",
                ImageEvent.newBuilder()
                        .setEventId("img-1")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(png()))
                                .build())
                        .build());

        List<Embedding> embeddings = pipeline.readValues(topics.embeddings());
        assertThat(embeddings).hasSize(1);
        Embedding embedding = embeddings.get(0);
        assertThat(embedding.getEventId()).isEqualTo("img-1");
        assertThat(embedding.getModality()).isEqualTo(Modality.IMAGE);
        assertThat(embedding.getDimension())
                .isEqualTo(512)
                .isEqualTo(embedding.getVector().size());
        double norm =
                Math.sqrt(embedding.getVector().stream().mapToDouble(v -> v * v).sum());
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(embedding.getLabels())
                .extracting(LabelScore::getLabel)
                .containsExactly("a photo of a weapon", "a landscape");
        assertThat(embedding.getLabels().stream()
                        .mapToDouble(LabelScore::getScore)
                        .sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(embedding.getInput().getTopic()).isEqualTo(topics.probes().name());
        assertThat(embedding.getTimings().getBatchSize()).isEqualTo(1);
    }

    @Test
    void audioProbeResultsAreNotTheImageStagesBusiness() throws IOException {
        byte[] wav = java.nio.file.Files.readAllBytes(
                Path.of("..", "models", "src", "test", "resources", "media", "tone-300ms-44k1-mono.wav"));
        pipeline.pipe(
                topics.audio(),
                "a-1",
                AudioEvent.newBuilder()
                        .setEventId("a-1")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(wav))
                                .build())
                        .build());

        assertThat(pipeline.read(topics.probes())).hasSize(1);
        assertThat(pipeline.read(topics.embeddings())).isEmpty();
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 320, 200);
        g.setColor(Color.YELLOW);
        g.fillOval(100, 50, 120, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
