package io.montage.topology.app;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import io.montage.topology.config.MontageSettings;

/** Kafka Streams configuration derived from Montage's settings; pass-through keys win. */
final class StreamsProperties {

    private StreamsProperties() {
    }

    static Properties of(MontageSettings settings, String bootstrapServers) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.dataDir().resolve("streams").toString());
        if (settings.replicationFactor() > 0) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        }
        // Under exactly_once_v2 outputs become visible at commit; 100 ms (Streams' EOS default) keeps
        // end-to-end latency low, stated here so nobody "tunes" it to the at-least-once 30 s by accident.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Records carry media inline up to the topic limit.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 16 << 20);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 16 << 20);
        // A model stage can take seconds on a batch; few records per poll keep a slow batch from
        // exceeding max.poll.interval.ms.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
        // Opt in now to what Kafka 5.0 makes the default, and silence its start-up warning.
        p.put("processing.exception.handler.global.enabled", true);
        p.putAll(settings.kafka());
        return p;
    }
}
