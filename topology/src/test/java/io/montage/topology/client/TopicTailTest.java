package io.montage.topology.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TopicTail's waits on an in-process broker: until a condition, and until the topic goes quiet. */
class TopicTailTest {

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedBrokerSettings(
                "127.0.0.1",
                EmbeddedKafkaBroker.freePort(),
                EmbeddedKafkaBroker.freePort(),
                dir,
                EmbeddedBrokerSettings.DEFAULT_MAX_MESSAGE_BYTES));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("outputs", 1, (short) 1)))
                    .all()
                    .get();
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (var records = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            for (String value : List.of("a", "b", "c")) {
                records.send(new ProducerRecord<>("outputs", value, value)).get();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aWaitEndsAsSoonAsTheSinkHasWhatItWaitsFor() {
        List<String> seen = new ArrayList<>();
        try (TopicTail<String> tail = tail()) {
            boolean done = tail.pollUntil(() -> seen.contains("c"), Duration.ofSeconds(30), r -> seen.add(r.value()));

            assertThat(done).isTrue();
            assertThat(seen).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aWaitForWhatNeverComesGivesUpAtItsTimeout() {
        try (TopicTail<String> tail = tail()) {
            long start = System.nanoTime();
            boolean done = tail.pollUntil(() -> false, Duration.ofMillis(700), r -> {});

            assertThat(done).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(700), Duration.ofSeconds(10));
        }
    }

    @Test
    void readingUntilQuietTakesWhatIsThereAndStopsOnceNothingMoreComes() {
        List<String> seen = new ArrayList<>();
        try (TopicTail<String> tail = tail()) {
            long start = System.nanoTime();
            tail.pollUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(60), r -> seen.add(r.value()));

            assertThat(seen).containsExactly("a", "b", "c");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private static TopicTail<String> tail() {
        return new TopicTail<>(broker.bootstrapServers(), Map.of(), List.of("outputs"), new StringDeserializer());
    }
}
