package io.montage.processors.stage;

import io.montage.models.natives.NativeLibrariesUnavailableException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The Kafka side of a stage that takes one record at a time: decodes the raw input value, runs the
 * {@link Stage}, and turns each record into exactly one {@link StageOutcome} — a result or a
 * dead-letter with its reason.
 *
 * <p>Input values arrive as raw bytes rather than through a value serde so that a record that is
 * not valid Avro becomes a dead-letter record like any other bad input, in the same transaction,
 * instead of stopping the stream thread or being skipped by a deserialization handler.
 */
public final class StageProcessor<I, O> implements FixedKeyProcessor<String, byte[], StageOutcome<O>> {

    private final StageRecords<I> records;
    private final Function<ProcessingContext, Stage<I, O>> stageOfTask;
    private Stage<I, O> stage;
    private FixedKeyProcessorContext<String, StageOutcome<O>> context;

    /**
     * @param applies which decoded inputs are this stage's business (say, images among all probe
     *                results); others pass by without an outcome
     */
    public StageProcessor(
            String stageName,
            Deserializer<I> inputDeserializer,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            Stage<I, O> stage,
            DeadLetterFactory deadLetters,
            StageMetrics metrics) {
        this(stageName, inputDeserializer, eventIdOf, applies, context -> stage, deadLetters, metrics);
    }

    /**
     * A stage made for each task when the task starts, from its processor context: for stages that
     * read state stores (the match stage reads the reference lists' global table).
     */
    public StageProcessor(
            String stageName,
            Deserializer<I> inputDeserializer,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            Function<ProcessingContext, Stage<I, O>> stageOfTask,
            DeadLetterFactory deadLetters,
            StageMetrics metrics) {
        this.records = new StageRecords<>(stageName, inputDeserializer, eventIdOf, applies, deadLetters, metrics);
        this.stageOfTask = stageOfTask;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StageOutcome<O>> context) {
        this.context = context;
        this.stage = stageOfTask.apply(context);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        InputContext input = inputContext(record);
        I decoded;
        try {
            decoded = records.decode(input, record.headers(), record.value());
        } catch (SerializationException e) {
            forward(record, StageOutcome.deadLettered(records.invalid(input, record.key(), record.value(), e)));
            return;
        }
        if (!records.applies(decoded)) {
            return;
        }
        String eventId = records.eventId(decoded);
        O result;
        try {
            result = stage.process(decoded, input);
        } catch (StageRejection e) {
            forward(
                    record,
                    StageOutcome.deadLettered(records.rejected(input, eventId, record.key(), record.value(), e)));
            return;
        } catch (StageUnavailable e) {
            throw e;
        } catch (NativeLibrariesUnavailableException e) {
            throw records.machineUnavailable(e);
        } catch (RuntimeException e) {
            forward(
                    record,
                    StageOutcome.deadLettered(records.internalError(input, eventId, record.key(), record.value(), e)));
            return;
        }
        // Forwarded outside the try: a failure to write the output (the registry refusing the
        // schema, say) is an infrastructure fault, not bad input. It must stop the task and be
        // retried from the last commit, not turn every record into a dead-letter.
        forward(record, StageOutcome.emitted(result));
        records.metrics().recordEmitted(System.nanoTime() - input.startedNanos());
    }

    private void forward(FixedKeyRecord<String, byte[]> record, StageOutcome<O> outcome) {
        context.forward(record.withValue(outcome));
    }

    private InputContext inputContext(FixedKeyRecord<String, byte[]> record) {
        return InputContext.startingNow(context.recordMetadata(), record.timestamp());
    }
}
