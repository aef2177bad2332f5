package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's logic with Kafka Streams' test driver: routing, dead-letters, node names. */
class MontageTopologyTest {

    @TempDir
    Path blobs;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Topics topics = Topics.withRegistry("", registry);
    private TestPipeline pipeline;

    @BeforeEach
    void buildTopology() {
        pipeline = TestPipeline.of(topics, Stages.probeOnly(TestTopologies.probe(TestTopologies.resolver(blobs))));
    }

    @AfterEach
    void closeDriver() {
        pipeline.close();
    }

    @Test
    void aDecodableImageBecomesAProbeResultKeyedAndReferencedLikeItsInput() throws IOException {
        pipeline.pipe(topics.images(), "e1", image("e1", png(64, 48)));

        assertThat(pipeline.read(topics.deadLetter())).isEmpty();
        var result = pipeline.read(topics.probes()).get(0);
        assertThat(result.key).isEqualTo("e1");
        assertThat(result.value.getEventId()).isEqualTo("e1");
        assertThat(result.value.getWidth()).isEqualTo(64);
        assertThat(result.value.getHeight()).isEqualTo(48);
        assertThat(result.value.getInput().getTopic()).isEqualTo("images");
        assertThat(result.value.getInput().getOffset()).isZero();
        assertThat(result.value.getMedia().getInline()).isNotNull();
    }

    @Test
    void badMediaIsDeadLetteredWithItsReasonAndTheStreamGoesOn() throws IOException {
        pipeline.pipe(topics.images(), "bad", image("bad", new byte[0]));
        pipeline.pipe(topics.images(), "good", image("good", png(8, 8)));

        DeadLetter deadLetter = pipeline.readValues(topics.deadLetter()).get(0);
        assertThat(deadLetter.getEventId()).isEqualTo("bad");
        assertThat(deadLetter.getStage()).isEqualTo("probe");
        assertThat(deadLetter.getErrorClass()).isEqualTo("EMPTY");
        assertThat(deadLetter.getInput().getOffset()).isZero();
        assertThat(pipeline.readValues(topics.probes()))
                .extracting(ProbeResult::getEventId)
                .containsExactly("good");
    }

    @Test
    void aValueThatIsNotAvroIsDeadLetteredWithItsOriginalBytes() {
        byte[] value = "{\"eventId\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        pipeline.pipeRaw(topics.images().name(), "k", value);

        DeadLetter deadLetter = pipeline.readValues(topics.deadLetter()).get(0);
        assertThat(deadLetter.getErrorClass()).isEqualTo("INVALID_AVRO");
        assertThat(deadLetter.getEventId())
                .as("the key stands in for the unreadable event id")
                .isEqualTo("k");
        assertThat(deadLetter.getReason()).contains("images").contains("montage send");
        assertThat(bytes(deadLetter.getOriginalValue())).isEqualTo(value);
        assertThat(bytes(deadLetter.getOriginalKey())).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(pipeline.read(topics.probes())).isEmpty();
    }

    @Test
    void everyNodeIsNamedSoTheDescriptionReadsLikeTheDiagram() {
        String description = pipeline.topology("probe").describe().toString();
        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description)
                .contains(
                        "probe-images",
                        "probe-audio",
                        "probe-videos",
                        "probe-video-frames",
                        "probe-images-to-probes",
                        "probe-images-to-dead-letter");
        assertThat(pipeline.topology("text-embed"))
                .as("text-embed is off without a model")
                .isNull();
    }

    private static ImageEvent image(String eventId, byte[] data) {
        return ImageEvent.newBuilder()
                .setEventId(eventId)
                .setMedia(Media.newBuilder().setInline(ByteBuffer.wrap(data)).build())
                .build();
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] data = new byte[buffer.remaining()];
        buffer.duplicate().get(data);
        return data;
    }
}
