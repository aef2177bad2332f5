package io.montage.topology.client;

import io.montage.models.media.ContentKind;
import io.montage.models.media.MediaInfo;
import io.montage.models.media.MediaProbe;
import io.montage.models.media.MediaRejectedException;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.RecordLimits;
import io.montage.schemas.avro.AudioEvent;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.VideoEvent;
import io.montage.topology.topics.Topic;
import io.montage.topology.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces input events for media files: picks the topic from the content (never the file name),
 * and sends small media inline and large media as a claim-check reference into the blob store.
 */
public final class MediaSender implements AutoCloseable {

    /** What was sent. */
    public record Sent(String eventId, String topic, String kind, boolean inline, long bytes, Path file) {}

    private final Topics topics;
    private final MediaProbe probe;
    private final FileBlobStore blobs;
    private final int inlineMaxBytes;
    private final KafkaProducer<String, byte[]> producer;

    public MediaSender(
            Topics topics,
            MediaProbe probe,
            FileBlobStore blobs,
            int inlineMaxBytes,
            String bootstrapServers,
            Map<String, String> kafka) {
        this.topics = topics;
        this.probe = probe;
        this.blobs = blobs;
        this.inlineMaxBytes = inlineMaxBytes;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.MAX_RECORD_BYTES);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends a file to the topic for its detected kind. */
    public Sent send(Path file) throws IOException, MediaRejectedException {
        byte[] data = Files.readAllBytes(file);
        MediaInfo info = probe.probe(data);
        return send(file, data, info.kind());
    }

    /** Sends a file to the topic for the given kind without probing it (to test the dead-letter path, say). */
    public Sent send(Path file, byte[] data, ContentKind kind) throws IOException {
        String eventId = UUID.randomUUID().toString();
        boolean inline = data.length <= inlineMaxBytes;
        Media media = Media.newBuilder()
                .setInline(inline ? ByteBuffer.wrap(data) : null)
                .setReference(inline ? null : blobs.put(data, null))
                .setFileName(file.getFileName().toString())
                .build();
        Instant now = Instant.now();
        String topic =
                switch (kind) {
                    case IMAGE ->
                        produce(
                                topics.images(),
                                eventId,
                                ImageEvent.newBuilder()
                                        .setEventId(eventId)
                                        .setMedia(media)
                                        .setCreatedAt(now)
                                        .build());
                    case AUDIO ->
                        produce(
                                topics.audio(),
                                eventId,
                                AudioEvent.newBuilder()
                                        .setEventId(eventId)
                                        .setMedia(media)
                                        .setCreatedAt(now)
                                        .build());
                    case VIDEO ->
                        produce(
                                topics.videos(),
                                eventId,
                                VideoEvent.newBuilder()
                                        .setEventId(eventId)
                                        .setMedia(media)
                                        .setCreatedAt(now)
                                        .build());
                };
        return new Sent(eventId, topic, kind.name().toLowerCase(java.util.Locale.ROOT), inline, data.length, file);
    }

    /** Sends raw bytes as a record value, bypassing Avro: lets the dead-letter path be exercised. */
    public void sendRaw(String topic, String key, byte[] value) {
        await(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    /** Produces any input event, serialized through the registry like every other. */
    public <T extends SpecificRecord> String produce(Topic<T> topic, String key, T value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        await(producer.send(new ProducerRecord<>(topic.name(), key, bytes)));
        return topic.name();
    }

    private static void await(java.util.concurrent.Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka did not accept the event: " + e.getCause().getMessage()
                            + ". Is Montage (or the broker at bootstrap.servers) running?",
                    e.getCause());
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
