package io.montage.processors.stage;

import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every stage processor does with a raw input record, whether it takes records one at a time
 * ({@link StageProcessor}) or in batches ({@link BatchingStageProcessor}): decode it, tell whether
 * it is the stage's business, and turn each failure into a dead-letter with a reason a person can
 * act on, or into "unavailable" when the machine, not the input, is at fault. Public for stages whose
 * processor is their own (the scene stage keeps per-stream state).
 */
public final class StageRecords<I> {

    private static final Logger log = LoggerFactory.getLogger(StageRecords.class);

    private final String stageName;
    private final Deserializer<I> deserializer;
    private final Function<I, String> eventIdOf;
    private final Predicate<I> applies;
    private final DeadLetterFactory deadLetters;
    private final StageMetrics metrics;

    public StageRecords(
            String stageName,
            Deserializer<I> deserializer,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            DeadLetterFactory deadLetters,
            StageMetrics metrics) {
        this.stageName = stageName;
        this.deserializer = deserializer;
        this.eventIdOf = eventIdOf;
        this.applies = applies;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    public String stageName() {
        return stageName;
    }

    public StageMetrics metrics() {
        return metrics;
    }

    /**
     * The decoded value.
     *
     * @throws SerializationException when the bytes are not a valid input event (see {@link #invalid})
     */
    public I decode(InputContext input, Headers headers, byte[] value) {
        I decoded = deserializer.deserialize(input.topic(), headers, value);
        if (decoded == null) {
            throw new SerializationException("the record has no value (a tombstone)");
        }
        return decoded;
    }

    /** Whether the stage works on this input (say, pictures among all probe results). */
    public boolean applies(I decoded) {
        return applies.test(decoded);
    }

    public String eventId(I decoded) {
        return eventIdOf.apply(decoded);
    }

    /**
     * The dead-letter of a record whose bytes are not a valid Montage input event; the bytes ride
     * along. Its event id cannot be read from the value, so the record's key stands in: producers
     * key events by their id (montage send does), and a dead-letter that names it can be matched.
     */
    public DeadLetter invalid(InputContext input, String key, byte[] value, SerializationException e) {
        return deadLetter(
                input,
                key,
                ErrorClass.INVALID_AVRO,
                "The record on " + input.topic()
                        + " is not a valid Montage input event: " + e.getMessage()
                        + ". Produce it with a Confluent-compatible Avro serializer and the "
                        + "schema registry (or use `montage send`).",
                key,
                value,
                e);
    }

    public DeadLetter rejected(InputContext input, String eventId, String key, byte[] value, StageRejection e) {
        return deadLetter(input, eventId, e.errorClass(), e.getMessage(), key, value, e);
    }

    /** A failure of Montage itself: logged with the input's coordinates, dead-lettered as not the input's fault. */
    public DeadLetter internalError(InputContext input, String eventId, String key, byte[] value, RuntimeException e) {
        log.error(
                "Stage {} failed on event {} ({}-{}@{})",
                stageName,
                eventId,
                input.topic(),
                input.partition(),
                input.offset(),
                e);
        return deadLetter(
                input,
                eventId,
                ErrorClass.INTERNAL_ERROR,
                "Montage failed unexpectedly in stage "
                        + stageName + ": " + e
                        + ". This is not a problem with the input; the record can be replayed from its input coordinates "
                        + "once the cause is fixed (see the Montage log).",
                key,
                value,
                e);
    }

    /**
     * The machine lacks a library (start-up checks this; a library removed while running lands here):
     * no input is at fault, so nothing is dead-lettered and the task retries from the last commit.
     */
    public StageUnavailable machineUnavailable(NativeLibrariesUnavailableException e) {
        return new StageUnavailable("Stage " + stageName + " cannot run on this machine: " + e.getMessage(), e);
    }

    private DeadLetter deadLetter(
            InputContext input,
            String eventId,
            ErrorClass errorClass,
            String reason,
            String key,
            byte[] value,
            Exception cause) {
        log.debug("Dead-lettering event {} in stage {}: {} {}", eventId, stageName, errorClass, reason, cause);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        DeadLetter deadLetter = deadLetters.create(stageName, input, eventId, errorClass, reason, keyBytes, value);
        metrics.recordDeadLetter(System.nanoTime() - input.startedNanos(), errorClass);
        return deadLetter;
    }
}
