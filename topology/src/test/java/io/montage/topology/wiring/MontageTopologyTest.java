package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;

/** The topology's logic with Kafka Streams' test driver: routing, dead-letters, node names. */
class MontageTopologyTest {

    @TempDir
    Path blobs;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Topics topics = Topics.withRegistry("", registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, ImageEvent> images;
    private TestInputTopic<String, byte[]> rawImages;
    private TestOutputTopic<String, ProbeResult> probes;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private Topology topology;

    @BeforeEach
    void buildTopology() {
        topology = TestTopologies.topology(topics,
                Stages.probeOnly(TestTopologies.probe(TestTopologies.resolver(blobs))));
        driver = TestTopologies.driver(topology);
        images = driver.createInputTopic(topics.images().name(), Serdes.String().serializer(),
                topics.images().valueSerde().serializer());
        rawImages = driver.createInputTopic(topics.images().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        probes = driver.createOutputTopic(topics.probes().name(), Serdes.String().deserializer(),
                topics.probes().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), Serdes.String().deserializer(),
                topics.deadLetter().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aDecodableImageBecomesAProbeResultKeyedAndReferencedLikeItsInput() throws IOException {
        images.pipeInput("e1", image("e1", png(64, 48)));

        assertThat(deadLetters.isEmpty()).isTrue();
        var result = probes.readKeyValue();
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
        images.pipeInput("bad", image("bad", new byte[0]));
        images.pipeInput("good", image("good", png(8, 8)));

        DeadLetter deadLetter = deadLetters.readValue();
        assertThat(deadLetter.getEventId()).isEqualTo("bad");
        assertThat(deadLetter.getStage()).isEqualTo("probe");
        assertThat(deadLetter.getErrorClass()).isEqualTo("EMPTY");
        assertThat(deadLetter.getInput().getOffset()).isZero();
        assertThat(probes.readValue().getEventId()).isEqualTo("good");
    }

    @Test
    void aValueThatIsNotAvroIsDeadLetteredWithItsOriginalBytes() {
        byte[] value = "{\"eventId\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        rawImages.pipeInput("k", value);

        DeadLetter deadLetter = deadLetters.readValue();
        assertThat(deadLetter.getErrorClass()).isEqualTo("INVALID_AVRO");
        assertThat(deadLetter.getEventId()).isNull();
        assertThat(deadLetter.getReason()).contains("images").contains("montage send");
        assertThat(bytes(deadLetter.getOriginalValue())).isEqualTo(value);
        assertThat(bytes(deadLetter.getOriginalKey())).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(probes.isEmpty()).isTrue();
    }

    @Test
    void everyNodeIsNamedSoTheDescriptionReadsLikeTheDiagram() {
        String description = topology.describe().toString();
        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description).contains("probe-images", "probe-audio", "probe-videos", "probe-video-frames",
                "probe-images-to-probes", "probe-images-to-dead-letter");
        assertThat(description).as("text-embed is off without a model").doesNotContain("text-embed");
    }

    private static ImageEvent image(String eventId, byte[] data) {
        return ImageEvent.newBuilder().setEventId(eventId)
                .setMedia(Media.newBuilder().setInline(ByteBuffer.wrap(data)).build()).build();
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
