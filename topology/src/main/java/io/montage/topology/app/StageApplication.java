package io.montage.topology.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage running as its own Kafka Streams application: its own application.id (consumer group,
 * transactional ids, state), threads and failure. Kafka's own metrics of the application (consumer
 * lag among them) are bound to the meter registry with a {@code stage} tag.
 */
final class StageApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageApplication.class);

    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

    private final String stage;
    private final String applicationId;
    private final DeadThreadMembership membership;

    private final KafkaStreams streams;
    private final StartupWatch startup;
    private final KafkaStreamsMetrics metrics;
    private final Counter failures;
    private volatile long lastFailureMillis;
    private volatile String lastFailure;
    private volatile long lastLoggedMillis;

    StageApplication(
            String stage,
            Topology topology,
            Properties properties,
            MeterRegistry meters,
            Map<String, Object> adminConfig,
            String instanceId) {
        this.stage = stage;
        this.applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.membership = new DeadThreadMembership(adminConfig, applicationId, instanceId);
        this.streams = new KafkaStreams(topology, properties, new StableTransactionalIds(instanceId));
        this.startup = new StartupWatch(stage);
        streams.setStateListener(startup);
        this.metrics = new KafkaStreamsMetrics(streams, Tags.of("stage", stage));
        metrics.bindTo(meters);
        this.failures = Counter.builder("montage.stage.failures")
                .description("Stream threads of a stage that died and were replaced (a persistent failure repeats)")
                .tag("stage", stage)
                .register(meters);
        // A dead thread is replaced and its tasks retried from their last commit: a stage that is
        // unavailable for a while (a model overloaded, a registry down) recovers without a restart.
        // A failure that persists (the registry refusing a schema, say) repeats on every retry: it
        // is counted, makes /ready fail with its reason, and is logged once a minute, not per retry.
        streams.setUncaughtExceptionHandler(e -> {
            recordFailure(e);
            membership.threadDied(Thread.currentThread());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    private void recordFailure(Throwable e) {
        long now = System.currentTimeMillis();
        failures.increment();
        lastFailureMillis = now;
        lastFailure = describe(e);
        if (now - lastLoggedMillis >= FAILURE_LOG_INTERVAL.toMillis()) {
            lastLoggedMillis = now;
            log.error(
                    "A Kafka Streams thread of stage {} died ({} failures so far); replacing it and retrying from the "
                            + "last commit. Further failures are counted in montage_stage_failures_total and logged once a "
                            + "minute",
                    stage,
                    (long) failures.count(),
                    e);
        } else {
            log.debug("A Kafka Streams thread of stage {} died again; replacing it", stage, e);
        }
    }

    /** Why the stage is failing now (a thread died within the last minute), or null when it is not. */
    String failing() {
        long last = lastFailureMillis;
        if (last == 0 || System.currentTimeMillis() - last > FAILURE_LOG_INTERVAL.toMillis()) {
            return null;
        }
        return lastFailure + " (" + (long) failures.count() + " failures in all, the last "
                + (System.currentTimeMillis() - last) / 1000 + " s ago)";
    }

    private static String describe(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + innermost.getMessage();
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

    /** Whether this stage has been RUNNING yet, or cannot get there. */
    StartupWatch startup() {
        return startup;
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
