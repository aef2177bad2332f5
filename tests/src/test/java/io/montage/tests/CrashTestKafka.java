package io.montage.tests;

import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topic;
import io.montage.topology.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The broker and registry a crash test's Montage runs against, outside the Montage it kills: they
 * outlive its restarts, so what was committed before a kill is there after it.
 */
final class CrashTestKafka implements AutoCloseable {

    final EmbeddedKafkaBroker broker;
    final EmbeddedSchemaRegistry registry;
    final SchemaRegistryClient client;
    final Topics topics;

    private CrashTestKafka(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, SchemaRegistryClient client) {
        this.broker = broker;
        this.registry = registry;
        this.client = client;
        this.topics = Topics.withRegistry("", client);
    }

    /** A loopback broker with its data under {@code dir}, and a registry on it. */
    static CrashTestKafka start(Path dir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(LoopbackBroker.settings(dir.resolve("broker")));
        EmbeddedSchemaRegistry registry = null;
        try {
            registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "127.0.0.1", 0, "_schemas");
            return new CrashTestKafka(
                    broker,
                    registry,
                    RestSchemaRegistryClient.forUrls(registry.url().toString()));
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            broker.close();
            throw e;
        }
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** The command that starts Montage against this broker and registry, with {@code settings}. */
    List<String> montage(Path dataDir, String... settings) {
        return MontageProcess.command(dataDir, bootstrap(), registry.url().toString(), -1, settings);
    }

    /** A read_committed reader of {@code topic}. */
    <V> TopicTail<V> tail(Topic<V> topic) {
        return new TopicTail<>(
                bootstrap(), Map.of(), List.of(topic.name()), topic.valueSerde().deserializer());
    }

    /** A sender of media and records, its blobs under {@code blobs}. */
    MediaSender sender(Path blobs) {
        return new MediaSender(
                topics,
                new FfmpegMediaProbe(MediaLimits.defaults()),
                new FileBlobStore(blobs),
                1 << 20,
                bootstrap(),
                Map.of());
    }

    @Override
    public void close() throws Exception {
        try (broker;
                registry;
                client) {
            // Closed last-opened first.
        }
    }
}
