package io.montage.topology.app;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * One stage running as its own Kafka Streams application: its own application.id (consumer group,
 * transactional ids, state), threads and failure. Kafka's own metrics of the application (consumer
 * lag among them) are bound to the meter registry with a {@code stage} tag.
 */
final class StageApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageApplication.class);

    private final String stage;
    private final String applicationId;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;

    StageApplication(String stage, Topology topology, Properties properties, MeterRegistry meters) {
        this.stage = stage;
        this.applicationId = properties.getProperty(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG);
        this.streams = new KafkaStreams(topology, properties);
        this.metrics = new KafkaStreamsMetrics(streams, Tags.of("stage", stage));
        metrics.bindTo(meters);
        // A dead thread is replaced and its tasks retried from their last commit: a stage that is
        // unavailable for a while (a model overloaded, a registry down) recovers without a restart.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("A Kafka Streams thread of stage {} died; replacing it", stage, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    void start() {
        streams.start();
    }

    String stage() {
        return stage;
    }

    String applicationId() {
        return applicationId;
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    boolean alive() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        metrics.close();
    }
}
