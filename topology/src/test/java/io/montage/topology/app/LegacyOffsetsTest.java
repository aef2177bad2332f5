package io.montage.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upgrade from the single application: each stage's new group starts where the old one left off. */
class LegacyOffsetsTest {

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void broker() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedBrokerSettings(
                "127.0.0.1",
                EmbeddedKafkaBroker.freePort(),
                EmbeddedKafkaBroker.freePort(),
                dir.resolve("kafka"),
                EmbeddedBrokerSettings.DEFAULT_MAX_MESSAGE_BYTES));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("texts", 2, (short) 1), new NewTopic("probes", 2, (short) 1)))
                .all()
                .get();
        // What the single application "montage" had committed when it was stopped for the upgrade.
        admin.alterConsumerGroupOffsets(
                        "montage",
                        Map.of(
                                new TopicPartition("texts", 0), new OffsetAndMetadata(40),
                                new TopicPartition("texts", 1), new OffsetAndMetadata(41),
                                new TopicPartition("probes", 0), new OffsetAndMetadata(7)))
                .all()
                .get();
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void aStagesFirstStartTakesTheOldGroupsOffsetsForTheTopicsItReads() throws Exception {
        LegacyOffsets.carryOver(admin, "montage", "montage-text-embed", reading("texts"));

        assertThat(committed("montage-text-embed"))
                .containsOnly(
                        Map.entry(new TopicPartition("texts", 0), new OffsetAndMetadata(40)),
                        Map.entry(new TopicPartition("texts", 1), new OffsetAndMetadata(41)));
    }

    @Test
    void aStageThatHasRunBeforeKeepsItsOwnOffsets() throws Exception {
        admin.alterConsumerGroupOffsets(
                        "montage-ocr", Map.of(new TopicPartition("probes", 0), new OffsetAndMetadata(99)))
                .all()
                .get();

        LegacyOffsets.carryOver(admin, "montage", "montage-ocr", reading("probes"));

        assertThat(committed("montage-ocr"))
                .containsOnly(Map.entry(new TopicPartition("probes", 0), new OffsetAndMetadata(99)));
    }

    @Test
    void aFreshInstallHasNothingToCarryOver() throws Exception {
        LegacyOffsets.carryOver(admin, "nobody-ran-before", "nobody-ran-before-caption", reading("probes"));

        assertThat(committed("nobody-ran-before-caption")).isEmpty();
    }

    private static Topology reading(String topic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
    }
}
