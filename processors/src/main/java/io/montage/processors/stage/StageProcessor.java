package io.montage.processors.stage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.schemas.avro.DeadLetter;

/**
 * The Kafka side every stage shares: decodes the raw input value, runs the {@link Stage}, and turns
 * each record into exactly one {@link StageOutcome} — a result or a dead-letter with its reason.
 *
 * <p>Input values arrive as raw bytes rather than through a value serde so that a record that is
 * not valid Avro becomes a dead-letter record like any other bad input, in the same transaction,
 * instead of stopping the stream thread or being skipped by a deserialization handler.
 */
public final class StageProcessor<I, O> implements FixedKeyProcessor<String, byte[], StageOutcome<O>> {

    private static final Logger log = LoggerFactory.getLogger(StageProcessor.class);

    private final String stageName;
    private final Deserializer<I> inputDeserializer;
    private final Function<I, String> eventIdOf;
    private final Predicate<I> applies;
    private final Stage<I, O> stage;
    private final DeadLetterFactory deadLetters;
    private final StageMetrics metrics;
    private FixedKeyProcessorContext<String, StageOutcome<O>> context;

    /**
     * @param applies which decoded inputs are this stage's business (say, images among all probe
     *                results); others pass by without an outcome
     */
    public StageProcessor(String stageName, Deserializer<I> inputDeserializer, Function<I, String> eventIdOf,
            Predicate<I> applies, Stage<I, O> stage, DeadLetterFactory deadLetters, StageMetrics metrics) {
        this.stageName = stageName;
        this.inputDeserializer = inputDeserializer;
        this.eventIdOf = eventIdOf;
        this.applies = applies;
        this.stage = stage;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StageOutcome<O>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        InputContext input = inputContext(record);
        I decoded;
        try {
            decoded = inputDeserializer.deserialize(input.topic(), record.headers(), record.value());
            if (decoded == null) {
                throw new SerializationException("the record has no value (a tombstone)");
            }
        } catch (SerializationException e) {
            deadLetter(record, input, null, "INVALID_AVRO", "The record on " + input.topic() + " is not a valid "
                    + "Montage input event: " + e.getMessage() + ". Produce it with a Confluent-compatible Avro "
                    + "serializer and the schema registry (or use `montage send`).", e);
            return;
        }
        if (!applies.test(decoded)) {
            return;
        }
        String eventId = eventIdOf.apply(decoded);
        O result;
        try {
            result = stage.process(decoded, input);
        } catch (StageRejection e) {
            deadLetter(record, input, eventId, e.errorClass(), e.getMessage(), e);
            return;
        } catch (StageUnavailable e) {
            throw e;
        } catch (NativeLibrariesUnavailableException e) {
            // The machine lacks a library (start-up checks this; a library removed while running
            // lands here): no input is at fault, so nothing is dead-lettered and the task retries.
            throw new StageUnavailable("Stage " + stageName + " cannot run on this machine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            log.error("Stage {} failed on event {} ({}-{}@{})", stageName, eventId, input.topic(), input.partition(),
                    input.offset(), e);
            deadLetter(record, input, eventId, "INTERNAL_ERROR", "Montage failed unexpectedly in stage " + stageName
                    + ": " + e + ". This is not a problem with the input; the record can be replayed from its input "
                    + "coordinates once the cause is fixed (see the Montage log).", e);
            return;
        }
        // Forwarded outside the try: a failure to write the output (the registry refusing the
        // schema, say) is an infrastructure fault, not bad input. It must stop the task and be
        // retried from the last commit, not turn every record into a dead-letter.
        context.forward(record.withValue(StageOutcome.emitted(result)));
        metrics.recordEmitted(System.nanoTime() - input.startedNanos());
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, InputContext input, String eventId,
            String errorClass, String reason, Exception cause) {
        log.debug("Dead-lettering event {} in stage {}: {} {}", eventId, stageName, errorClass, reason, cause);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter deadLetter = deadLetters.create(stageName, input, eventId, errorClass, reason, key, record.value());
        context.forward(record.withValue(StageOutcome.deadLettered(deadLetter)));
        metrics.recordDeadLetter(System.nanoTime() - input.startedNanos(), errorClass);
    }

    private InputContext inputContext(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        return new InputContext(
                metadata == null ? "unknown" : metadata.topic(),
                metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1 : metadata.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                Instant.now(),
                System.nanoTime());
    }
}
