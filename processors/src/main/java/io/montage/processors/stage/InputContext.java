package io.montage.processors.stage;

import io.montage.models.batching.Timed;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Timings;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where an input record came from and when the stage picked it up.
 *
 * @param topic          input topic
 * @param partition      input partition, -1 where unknown (punctuations, tests)
 * @param offset         input offset, -1 where unknown
 * @param inputTimestamp the record's Kafka timestamp
 * @param startedAt      when the stage started on it
 * @param startedNanos   {@link System#nanoTime()} at start, for the processing time
 * @param bufferedNanos  how long the record waited in the stage's batch buffer before its batch ran
 *                       (0 for stages that take one record at a time); part of the queue wait
 */
public record InputContext(
        String topic,
        int partition,
        long offset,
        Instant inputTimestamp,
        Instant startedAt,
        long startedNanos,
        long bufferedNanos) {

    /**
     * A record a stage starts on now, where Kafka Streams gives its coordinates (absent for records
     * forwarded by a punctuation, or in some tests: then "unknown", -1, -1).
     */
    public static InputContext startingNow(Optional<RecordMetadata> metadata, long recordTimestamp) {
        RecordMetadata m = metadata.orElse(null);
        return new InputContext(
                m == null ? "unknown" : m.topic(),
                m == null ? -1 : m.partition(),
                m == null ? -1 : m.offset(),
                Instant.ofEpochMilli(recordTimestamp),
                Instant.now(),
                System.nanoTime(),
                0);
    }

    public InputRef inputRef() {
        return new InputRef(topic, partition, offset);
    }

    /** Timings of a stage that ran no model. */
    public Timings finishedTimings() {
        return timings().build();
    }

    /** Timings of a stage whose model call went through a dynamic batcher. */
    public Timings finishedTimings(Timed<?> model) {
        return timings()
                .setQueueMicros((bufferedNanos + model.queueNanos()) / 1_000)
                .setModelMicros(model.runNanos() / 1_000)
                .setBatchSize(model.batchSize())
                .build();
    }

    private Timings.Builder timings() {
        return Timings.newBuilder()
                .setInputTimestamp(inputTimestamp)
                .setStartedAt(startedAt)
                .setFinishedAt(Instant.now())
                .setProcessingMicros((System.nanoTime() - startedNanos) / 1_000);
    }
}
