package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.montage.models.media.MediaKind;
import io.montage.processors.blob.FileBlobStore;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topics;

/**
 * exactly_once_v2 survives a crash: Montage runs as its own JVM, is killed with SIGKILL while it is
 * working through 1,000 events, is started again, and a read_committed consumer then sees exactly
 * one output per event id — none lost, none twice.
 */
class ExactlyOnceCrashTest {

    private static final int EVENTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void sigkillMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        EmbeddedBrokerSettings brokerSettings = new EmbeddedBrokerSettings("127.0.0.1", EmbeddedKafkaBroker.freePort(),
                EmbeddedKafkaBroker.freePort(), dir.resolve("broker"), EmbeddedBrokerSettings.DEFAULT_MAX_MESSAGE_BYTES);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                        "127.0.0.1", 0, "_schemas");
                SchemaRegistryClient client = RestSchemaRegistryClient.forUrls(registry.url().toString())) {
            String bootstrap = broker.bootstrapServers();
            Topics topics = Topics.withRegistry("", client);
            // Given 1,000 events waiting on the input topics (one in ten is broken, for the dead-letter path)
            List<String> command = montageCommand(bootstrap, registry.url().toString());
            MontageProcess first = MontageProcess.start(command, dir.resolve("montage-1.log"));
            first.awaitLog("Montage is running", Duration.ofSeconds(90));
            List<String> eventIds = produce(topics, bootstrap);

            // When Montage is killed with SIGKILL part-way through
            try (TopicTail<GenericRecord> outputs = outputs(bootstrap, client, topics)) {
                Map<String, Integer> seen = new HashMap<>();
                awaitOutputs(outputs, seen, 150, Duration.ofSeconds(120));
                first.kill();
                int beforeCrash = seen.values().stream().mapToInt(Integer::intValue).sum();
                assertThat(beforeCrash).as("the kill must land mid-stream").isLessThan(EVENTS);

                // and started again
                MontageProcess second = MontageProcess.start(command, dir.resolve("montage-2.log"));
                try {
                    awaitOutputs(outputs, seen, EVENTS, Duration.ofSeconds(180));
                    // Read on a little: a duplicate arriving late must be seen too.
                    outputs.poll(Duration.ofSeconds(3), r -> count(seen, r.value()));
                } finally {
                    second.stop();
                }

                // Then every event has exactly one committed output
                assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
                assertThat(seen).allSatisfy((id, n) -> assertThat(n).as("outputs of %s", id).isEqualTo(1));
                System.out.printf("crash test: %d outputs committed before SIGKILL, %d after restart, "
                        + "0 duplicates, 0 lost%n", beforeCrash, EVENTS - beforeCrash);
            }
        }
    }

    private List<String> montageCommand(String bootstrap, String registryUrl) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.montage.topology.cli.MontageCommand", "run",
                "-D", "bootstrap.servers=" + bootstrap,
                "-D", "schema.registry.url=" + registryUrl,
                "-D", "montage.data.dir=" + dir.resolve("montage"),
                "-D", "montage.models.cache-dir=" + RunningMontage.SHARED_MODEL_CACHE,
                "-D", "montage.stages=",
                "-D", "montage.stream.threads=2",
                "-D", "montage.http.port=-1");
    }

    private List<String> produce(Topics topics, String bootstrap) throws IOException {
        List<String> ids = new ArrayList<>();
        Random random = new Random(42);
        try (MediaSender sender = new MediaSender(topics, new FfmpegMediaProbe(MediaLimits.defaults()),
                new FileBlobStore(dir.resolve("blobs")), 1 << 20, bootstrap, Map.of())) {
            for (int i = 0; i < EVENTS; i++) {
                byte[] data = i % 10 == 9 ? BadMedia.randomBytes(2048, i) : jpeg(i, random);
                ids.add(sender.send(Path.of("event-" + i + ".jpg"), data, MediaKind.IMAGE).eventId());
            }
            sender.flush();
        }
        return ids;
    }

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
        return new TopicTail<>(bootstrap, Map.of(), List.of(topics.probes().name(), topics.deadLetter().name()),
                new GenericRecordDeserializer(client));
    }

    private static void awaitOutputs(TopicTail<GenericRecord> outputs, Map<String, Integer> seen, int atLeast,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.values().stream().mapToInt(Integer::intValue).sum() < atLeast) {
            assertThat(System.nanoTime()).as("waiting for %d outputs, have %d", atLeast, seen.size())
                    .isLessThan(deadline);
            outputs.poll(Duration.ofMillis(50), r -> count(seen, r.value()));
        }
    }

    private static void count(Map<String, Integer> seen, GenericRecord output) {
        seen.merge(output.get("eventId").toString(), 1, Integer::sum);
    }

    /** Montage as a separate operating-system process, as production runs it. */
    private record MontageProcess(Process process, Path log) {

        static MontageProcess start(List<String> command, Path log) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new MontageProcess(process, log);
        }

        void awaitLog(String line, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.readString(log).contains(line)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("Montage did not log '" + line + "'; its log:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }

        /** SIGKILL: no shutdown hook runs, no transaction is committed or aborted cleanly. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
