package io.montage.tests.bench;

import io.montage.topology.topics.Topic;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces input events as fast as the broker takes them, without waiting for each acknowledgement
 * (montage send waits, to report each event id): a backlog builds, as under a burst of uploads.
 */
final class Backlog implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    Backlog(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        16 << 20),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    <T extends SpecificRecord> void send(Topic<T> topic, String key, T value) {
        producer.send(
                new ProducerRecord<>(
                        topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)),
                (metadata, e) -> {
                    if (e != null) {
                        throw new IllegalStateException("the broker refused a benchmark record: " + e.getMessage(), e);
                    }
                });
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
