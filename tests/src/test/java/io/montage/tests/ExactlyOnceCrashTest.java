package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.clip.TinyClip;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topics;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exactly_once_v2 survives a crash, batches included: Montage runs as its own JVM with the probe and
 * two batching stages (4,000 text embeddings on the real MiniLM, image embeddings on the tiny CLIP export),
 * is killed with SIGKILL while batches are in flight, is started again, later stopped cleanly with
 * more texts waiting and started once more, and a read_committed consumer then sees exactly one
 * output per event on every output topic — none lost, none twice. Each restart must be processing
 * again within 10 s.
 */
class ExactlyOnceCrashTest {

    private static final int IMAGES = 600;
    private static final int TEXTS = 4_000;

    @TempDir
    Path dir;

    @Test
    void sigkillWhileBatchesAreInFlightLosesNothingAndDuplicatesNothing() throws Exception {
        EmbeddedBrokerSettings brokerSettings = LoopbackBroker.settings(dir.resolve("broker"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "127.0.0.1", 0, "_schemas");
                SchemaRegistryClient client =
                        RestSchemaRegistryClient.forUrls(registry.url().toString())) {
            String bootstrap = broker.bootstrapServers();
            Topics topics = Topics.withRegistry("", client);
            int metricsPort = EmbeddedKafkaBroker.freePort();
            List<String> command = montageCommand(bootstrap, registry.url().toString(), metricsPort);
            MontageProcess first = MontageProcess.start(command, dir.resolve("montage-1.log"));
            first.awaitLog("Montage is running", Duration.ofSeconds(90));
            // Given 600 images (one in ten broken, for the dead-letter path) and 4,000 texts waiting
            Expected expected = produce(topics, bootstrap);

            // When Montage is killed with SIGKILL while batches are in flight
            try (TopicTail<GenericRecord> outputs = outputs(bootstrap, client, topics)) {
                OutputLedger seen = new OutputLedger();
                seen.await(
                        outputs,
                        "300 text and 20 image embeddings before the kill",
                        () -> seen.count("text-embed") >= 300 && seen.count("image-embed") >= 20,
                        Duration.ofSeconds(180));
                int largestBatch = largestStageBatch(metricsPort, "text-embed");
                first.kill();
                Map<String, Integer> beforeCrash = seen.totals();
                assertThat(beforeCrash.get("text-embed"))
                        .as("the kill must land mid-stream")
                        .isLessThan(TEXTS);
                assertThat(beforeCrash.get("image-embed"))
                        .as("the kill must land mid-stream")
                        .isPositive();
                assertThat(beforeCrash.get("image-embed"))
                        .as("the kill must land mid-stream")
                        .isLessThan(expected.decodable().size());

                // and started again
                long restartedAt = System.currentTimeMillis();
                MontageProcess second = MontageProcess.start(command, dir.resolve("montage-2.log"));
                try {
                    seen.await(
                            outputs,
                            "an embedding finished after the restart",
                            () -> seen.firstFinishedAfter(restartedAt) > 0,
                            Duration.ofSeconds(300));
                    double resumedAfter = (seen.firstFinishedAfter(restartedAt) - restartedAt) / 1000.0;
                    System.out.printf(
                            "crash test: the restarted Montage committed its first embedding %.1f s after "
                                    + "it was started%n",
                            resumedAfter);
                    // Static membership: the restarted instance takes its partitions back at once (without
                    // it every stage's group waits out the killed member's 45 s session first); stable
                    // transactional ids: its producers abort the killed ones' open transactions at once
                    // (without them those stand until the broker times them out, 10-20 s). Measured here
                    // 3.6-3.9 s; 10 s is the target recovery time.
                    assertThat(resumedAfter)
                            .as("seconds from restart to processing")
                            .isLessThan(10);
                    seen.await(
                            outputs,
                            "an output for every image and text",
                            () -> seen.count("probe") >= IMAGES
                                    && seen.count("text-embed") >= TEXTS
                                    && seen.count("image-embed")
                                            >= expected.decodable().size(),
                            Duration.ofSeconds(300));
                } catch (Throwable e) {
                    second.stop();
                    throw e;
                }

                // and, with more texts waiting, stopped cleanly (SIGTERM) and started once more
                List<String> texts = new ArrayList<>(expected.texts());
                texts.addAll(produceTexts(topics, bootstrap, TEXTS, TEXTS / 2));
                seen.await(
                        outputs,
                        "100 of the later texts embedded before the stop",
                        () -> seen.count("text-embed") >= TEXTS + 100,
                        Duration.ofSeconds(120));
                second.stop();
                long startedAgainAt = System.currentTimeMillis();
                MontageProcess third = MontageProcess.start(command, dir.resolve("montage-3.log"));
                double resumedAfterStop;
                try {
                    seen.await(
                            outputs,
                            "an embedding finished after the start following SIGTERM",
                            () -> seen.firstFinishedAfter(startedAgainAt) > 0,
                            Duration.ofSeconds(300));
                    resumedAfterStop = (seen.firstFinishedAfter(startedAgainAt) - startedAgainAt) / 1000.0;
                    System.out.printf(
                            "crash test: after a clean stop (SIGTERM), the started Montage committed its "
                                    + "first embedding %.1f s after it was started%n",
                            resumedAfterStop);
                    seen.await(
                            outputs,
                            "an embedding of every text",
                            () -> seen.count("text-embed") >= texts.size(),
                            Duration.ofSeconds(300));
                    // Read on a little: a duplicate arriving late must be seen too.
                    outputs.poll(Duration.ofSeconds(3), r -> seen.add(r.value()));
                } finally {
                    third.stop();
                }
                assertThat(resumedAfterStop)
                        .as("seconds from a start after SIGTERM to processing")
                        .isLessThan(10);

                // Then every event has exactly one committed output from every stage it passes through
                assertThat(seen.ids("probe")).containsExactlyInAnyOrderElementsOf(expected.images());
                assertThat(seen.ids("image-embed")).containsExactlyInAnyOrderElementsOf(expected.decodable());
                assertThat(seen.ids("text-embed")).containsExactlyInAnyOrderElementsOf(texts);
                seen.byStage.forEach((stage, counts) -> assertThat(counts)
                        .allSatisfy((id, n) ->
                                assertThat(n).as("%s outputs of %s", stage, id).isEqualTo(1)));
                assertThat(largestBatch)
                        .as("text-embed gathered real batches before the kill")
                        .isGreaterThanOrEqualTo(8);
                System.out.printf(
                        "crash test: outputs read before SIGKILL %s, after restart %s; largest text-embed "
                                + "batch before the kill %d records; 0 duplicates, 0 lost on probes, dead-letter and "
                                + "embeddings%n",
                        beforeCrash, seen.totals(), largestBatch);
            }
        }
    }

    /** What was sent: image events, those that decode, and text events. */
    private record Expected(List<String> images, List<String> decodable, List<String> texts) {}

    /** The largest batch a stage of the running Montage has gathered, from its Prometheus endpoint. */
    private static int largestStageBatch(int port, String stage) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return metrics.body()
                .lines()
                .filter(line ->
                        line.startsWith("montage_stage_batch_size_max") && line.contains("stage=\"" + stage + "\""))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .max()
                .orElse(0);
    }

    private List<String> montageCommand(String bootstrap, String registryUrl, int metricsPort) throws IOException {
        ModelFiles clip = TinyClip.files(Files.createDirectories(dir.resolve("clip")));
        Path catalog = UserCatalog.write(dir.resolve("my-models.json"), clip);
        return MontageProcess.command(
                dir.resolve("montage"),
                bootstrap,
                registryUrl,
                metricsPort,
                "montage.models.catalog=" + catalog,
                "montage.image-embed.model=" + TinyClip.ID,
                "montage.stages=probe,text-embed,image-embed");
    }

    private Expected produce(Topics topics, String bootstrap) throws IOException {
        List<String> images = new ArrayList<>();
        List<String> decodable = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Random random = new Random(42);
        // The texts first, without waiting for each acknowledgement: a backlog builds and the
        // text-embed stage fills its batches (montage send waits for each, a trickle). The images
        // follow while the texts are embedded.
        texts.addAll(produceTexts(topics, bootstrap, 0, TEXTS));
        try (MediaSender sender = new MediaSender(
                topics,
                new FfmpegMediaProbe(MediaLimits.defaults()),
                new FileBlobStore(dir.resolve("blobs")),
                1 << 20,
                bootstrap,
                Map.of())) {
            for (int i = 0; i < IMAGES; i++) {
                boolean broken = i % 10 == 9;
                byte[] data = broken ? BadMedia.randomBytes(2048, i) : jpeg(i, random);
                String id = sender.send(Path.of("event-" + i + ".jpg"), data, ContentKind.IMAGE)
                        .eventId();
                images.add(id);
                if (!broken) {
                    decodable.add(id);
                }
            }
            sender.flush();
        }
        return new Expected(images, decodable, texts);
    }

    /** Texts {@code first} … {@code first + count - 1}, sent without waiting for each acknowledgement. */
    private static List<String> produceTexts(Topics topics, String bootstrap, int first, int count) {
        List<String> texts = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = first; i < first + count; i++) {
                String id = "text-" + i;
                TextEvent text = TextEvent.newBuilder()
                        .setEventId(id)
                        .setKind(TextKind.CAPTION)
                        .setText("a caption number " + i + " about " + WORDS.get(i % WORDS.size()))
                        .build();
                producer.send(new ProducerRecord<>(
                        topics.texts().name(),
                        id,
                        topics.texts()
                                .valueSerde()
                                .serializer()
                                .serialize(topics.texts().name(), text)));
                texts.add(id);
            }
            producer.flush();
        }
        return texts;
    }

    private static final List<String> WORDS = List.of(
            "a harbour at dusk",
            "two cats on a sofa",
            "a crowded market",
            "snow on a mountain road",
            "a red bicycle",
            "an empty stadium",
            "children playing football");

    /** A distinct 640×480 picture per event, so the probe has real decoding to do. */
    private static byte[] jpeg(int index, Random random) throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xffffff)));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
        g.drawString("event " + index, 40, 260);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static TopicTail<GenericRecord> outputs(String bootstrap, SchemaRegistryClient client, Topics topics) {
        return new TopicTail<>(
                bootstrap,
                Map.of(),
                List.of(
                        topics.probes().name(),
                        topics.deadLetter().name(),
                        topics.embeddings().name()),
                new GenericRecordDeserializer(client));
    }
}
