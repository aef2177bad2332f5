package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.tests.MontageProcess.Readiness;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker, then the schema registry, stop and come back while Montage (its own JVM, as in
 * production) works through a stream of images and texts: each time Montage says on {@code /ready}
 * what it waits for, resumes by itself once it is back, and every event still has exactly one
 * output from every stage — none lost, none twice.
 */
class InfrastructureRestartTest {

    private static final int IMAGES = 200;
    private static final int TEXTS_PER_SECOND = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void brokerAndRegistryRestartsLoseNothingAndDuplicateNothing() throws Exception {
        EmbeddedBrokerSettings brokerSettings = LoopbackBroker.settings(dir.resolve("broker"));
        int registryPort = EmbeddedKafkaBroker.freePort();
        int metricsPort = EmbeddedKafkaBroker.freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
        EmbeddedSchemaRegistry registry =
                EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "127.0.0.1", registryPort, "_schemas");
        String bootstrap = broker.bootstrapServers();
        MontageProcess montage = null;
        try (SchemaRegistryClient client =
                RestSchemaRegistryClient.forUrls(registry.url().toString())) {
            Topics topics = Topics.withRegistry("", client);
            montage = MontageProcess.start(
                    montageCommand(bootstrap, registry.url().toString(), metricsPort), dir.resolve("montage.log"));
            montage.awaitLog("Montage is running", Duration.ofSeconds(90));
            awaitReadiness(metricsPort, Readiness::ready, Duration.ofSeconds(60), "ready at start");

            // Given images waiting and a steady stream of texts
            List<String> images = sendImages(topics, bootstrap);
            TextStream texts = new TextStream(topics, bootstrap);
            texts.start();
            OutputLedger seen = new OutputLedger();
            try (TopicTail<GenericRecord> outputs = new TopicTail<>(
                    bootstrap,
                    Map.of(),
                    List.of(
                            topics.probes().name(),
                            topics.deadLetter().name(),
                            topics.embeddings().name()),
                    new GenericRecordDeserializer(client))) {
                seen.await(
                        outputs,
                        "100 text embeddings and 20 probe results before the outage",
                        () -> seen.count("text-embed") >= 100 && seen.count("probe") >= 20,
                        Duration.ofSeconds(120));

                // When the broker stops and comes back
                broker.close();
                Readiness waiting = awaitReadiness(
                        metricsPort,
                        r -> r.status() == 503 && r.body().contains("Kafka at"),
                        Duration.ofSeconds(30),
                        "not ready, naming Kafka, while the broker is down");
                Thread.sleep(OUTAGE.toMillis());
                broker = EmbeddedKafkaBroker.start(brokerSettings);
                long brokerBack = System.nanoTime();
                long brokerBackAt = System.currentTimeMillis();
                awaitReadiness(metricsPort, Readiness::ready, Duration.ofSeconds(90), "ready after the broker is back");
                double readyAfterBroker = (System.nanoTime() - brokerBack) / 1e9;
                seen.await(
                        outputs,
                        "an embedding finished after the broker was back",
                        () -> seen.firstFinishedAfter(brokerBackAt) > 0,
                        Duration.ofSeconds(90));
                double processingAfterBroker = (seen.firstFinishedAfter(brokerBackAt) - brokerBackAt) / 1000.0;

                // and then the registry stops and comes back
                registry.close();
                Readiness waitingForRegistry = awaitReadiness(
                        metricsPort,
                        r -> r.status() == 503 && r.body().contains("schema registry at"),
                        Duration.ofSeconds(30),
                        "not ready, naming the registry, while it is down");
                Thread.sleep(OUTAGE.toMillis());
                registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", registryPort, "_schemas");
                long registryBack = System.nanoTime();
                awaitReadiness(
                        metricsPort, Readiness::ready, Duration.ofSeconds(60), "ready after the registry is back");
                double readyAfterRegistry = (System.nanoTime() - registryBack) / 1e9;

                // Then every event has exactly one output from every stage it passes through
                List<String> sentTexts = texts.stop();
                seen.await(
                        outputs,
                        "an output for every image and text sent",
                        () -> seen.count("probe") >= images.size() && seen.count("text-embed") >= sentTexts.size(),
                        Duration.ofSeconds(300));
                outputs.poll(Duration.ofSeconds(3), r -> seen.add(r.value()));
                assertThat(seen.duplicates())
                        .as("event ids with two outputs from one stage")
                        .isEmpty();
                assertThat(seen.ids("probe")).containsExactlyInAnyOrderElementsOf(images);
                assertThat(seen.ids("text-embed")).containsExactlyInAnyOrderElementsOf(sentTexts);
                long errors = java.nio.file.Files.readAllLines(montage.log()).stream()
                        .filter(line -> line.contains(" ERROR "))
                        .count();
                System.out.printf(
                        "restart test: /ready while the broker was down: %s; ready %.1f s and the first "
                                + "embedding %.1f s after it was back. While the registry was down: %s; ready %.1f s after it "
                                + "was back. Outputs %s for %d images and %d texts; 0 duplicates, 0 lost; %d ERROR lines in "
                                + "Montage's log%n",
                        firstLine(waiting),
                        readyAfterBroker,
                        processingAfterBroker,
                        firstLine(waitingForRegistry),
                        readyAfterRegistry,
                        seen.totals(),
                        images.size(),
                        sentTexts.size(),
                        errors);
            } finally {
                texts.stop();
            }
        } finally {
            if (montage != null) {
                montage.stop();
            }
            registry.close();
            broker.close();
        }
    }

    private static String firstLine(Readiness readiness) {
        return readiness.status() + " \"" + readiness.body().lines().findFirst().orElse("") + "\"";
    }

    private static Readiness awaitReadiness(int port, Predicate<Readiness> wanted, Duration timeout, String what) {
        return await("Montage " + what)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> MontageProcess.readiness(port), wanted);
    }

    private List<String> montageCommand(String bootstrap, String registryUrl, int metricsPort) {
        return MontageProcess.command(
                dir.resolve("montage"), bootstrap, registryUrl, metricsPort, "montage.stages=probe,text-embed");
    }

    /** Images sent at once, one in ten undecodable (for the dead-letter path): a backlog the outages cut into. */
    private List<String> sendImages(Topics topics, String bootstrap) throws IOException {
        List<String> ids = new ArrayList<>();
        try (MediaSender sender = new MediaSender(
                topics,
                new FfmpegMediaProbe(MediaLimits.defaults()),
                new FileBlobStore(dir.resolve("blobs")),
                1 << 20,
                bootstrap,
                Map.of())) {
            for (int i = 0; i < IMAGES; i++) {
                byte[] data = i % 10 == 9 ? BadMedia.randomBytes(2048, i) : MixedUploads.numberedJpeg(i);
                ids.add(sender.send(Path.of("image-" + i + ".jpg"), data, ContentKind.IMAGE)
                        .eventId());
            }
            sender.flush();
        }
        return ids;
    }

    /**
     * Texts at a steady rate from a producer that rides out the outages (values serialized before the
     * first one, so the producer needs the broker only): what an upstream service would do.
     */
    private static final class TextStream {
        private final String topic;
        private final KafkaProducer<String, byte[]> producer;
        private final List<byte[]> values = new ArrayList<>();
        private final List<String> sent = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        TextStream(Topics topics, String bootstrap) {
            this.topic = topics.texts().name();
            for (int i = 0; i < 20_000; i++) {
                TextEvent text = TextEvent.newBuilder()
                        .setEventId("text-" + i)
                        .setKind(TextKind.CAPTION)
                        .setText("caption " + i + " of a stream that outlives its broker")
                        .build();
                values.add(topics.texts().valueSerde().serializer().serialize(topic, text));
            }
            this.producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                            300_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                            10_000,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            300_000),
                    new StringSerializer(),
                    new ByteArraySerializer());
            this.thread = new Thread(this::run, "text-stream");
        }

        void start() {
            thread.start();
        }

        private void run() {
            long next = System.nanoTime();
            for (int i = 0; i < values.size() && running.get(); i++) {
                String id = "text-" + i;
                producer.send(new ProducerRecord<>(topic, id, values.get(i)), (metadata, e) -> {
                    if (e == null) {
                        sent.add(id);
                    }
                });
                next += 1_000_000_000L / TEXTS_PER_SECOND;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        /** Stops sending; returns the ids of the texts the broker acknowledged. */
        List<String> stop() throws InterruptedException {
            if (running.getAndSet(false)) {
                thread.join();
                producer.flush();
                producer.close();
            }
            return List.copyOf(sent);
        }
    }
}
