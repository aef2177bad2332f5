package io.montage.processors.stage;

import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.schemas.RecordLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka side of a {@link BatchStage}: gathers up to {@code maxSize} records of its task into a
 * batch, runs the stage once, and turns each record into exactly one {@link StageOutcome}.
 *
 * <p><b>Why a changelogged store.</b> Kafka Streams commits a task's input offsets whenever its commit
 * interval passes, and also on rebalances and shutdown, without asking processors. A batch held only
 * in memory would then have its input offsets committed before its outputs exist, and a SIGKILL
 * would lose it. So every waiting record is written to a state store ({@link BatchBuffer}) whose
 * changelog is part of the task's exactly-once transaction: at any commit the store holds exactly
 * the records whose outputs are not yet written, a crash restores it, and draining it (outputs
 * forwarded, the buffer's watermark moved past them) commits atomically with the outputs. What it
 * costs: each batched record is written once more, to the changelog, plus one watermark record per
 * batch, in the same transaction; what it buys: one model call per batch instead of per record, with
 * nothing lost or duplicated.
 *
 * <p>A batch is drained when it is full, or by a wall-clock punctuation (every {@code maxDelay}) once
 * its task has gone a whole tick without a new record and the oldest has waited {@code maxDelay}:
 * the input has dried up, and waiting longer would only add latency. While records keep arriving,
 * the batch keeps filling, up to {@link #HOLD_LIMIT_TICKS} ticks: a stream thread serves several
 * tasks, one batch at a time, so "the oldest record has waited {@code maxDelay}" alone would drain
 * every task's batch small while the thread is busy running another's. Records drain in the order
 * they arrived, so each key's outputs keep their input order (frames of one stream stay in sequence).
 */
public final class BatchingStageProcessor<I, O> implements Processor<String, byte[], String, StageOutcome<O>> {

    /**
     * How many {@code maxDelay} ticks a partial batch may wait while records keep arriving: the bound
     * on the latency batching adds under a steady trickle (100 ms at the default 5 ms delay).
     */
    static final int HOLD_LIMIT_TICKS = 20;

    /** Settings of one batching stage. */
    public record Batching(int maxSize, Duration maxDelay) {
        public Batching {
            if (maxSize < 1) {
                throw new IllegalArgumentException("batch.max-size must be at least 1, was " + maxSize);
            }
            if (maxDelay.isNegative()) {
                throw new IllegalArgumentException("batch.max-delay must not be negative, was " + maxDelay);
            }
        }
    }

    private final StageRecords<I> records;
    private final BatchStage<I, O> stage;
    private final String storeName;
    private final Batching batching;
    /** A buffered record's decoded value and when it arrived, kept so a batch does not decode it twice. */
    private record Pending<I>(I value, long bufferedNanos) {}

    /** The buffered records this instance decoded (empty after a restore: those are decoded again). */
    private final Map<Long, Pending<I>> pending = new HashMap<>();

    private ProcessorContext<String, StageOutcome<O>> context;
    private BatchBuffer buffer;
    /** When the oldest waiting record arrived, on the task's wall clock (Kafka Streams' own, so tests can move it). */
    private long oldestBufferedAtMillis;
    /** Whether a record arrived since the last punctuation: the task's input has not dried up. */
    private boolean arrivedSinceTick;

    public BatchingStageProcessor(
            String stageName,
            Deserializer<I> inputDeserializer,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            BatchStage<I, O> stage,
            DeadLetterFactory deadLetters,
            StageMetrics metrics,
            String storeName,
            Batching batching) {
        this.records = new StageRecords<>(stageName, inputDeserializer, eventIdOf, applies, deadLetters, metrics);
        this.stage = stage;
        this.storeName = storeName;
        this.batching = batching;
    }

    /**
     * The buffer store for {@code storeName}: in memory (a ring of twice the batch size per task) with a
     * compacted changelog that takes records up to the 16 MiB Montage allows inline and rolls small
     * segments, so compaction keeps the log a restore must read to a few segments.
     */
    public static StoreBuilder<KeyValueStore<Long, byte[]>> bufferStore(String storeName) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.Long(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of(
                        "max.message.bytes", Integer.toString(RecordLimits.MAX_RECORD_BYTES),
                        "segment.bytes", Integer.toString(64 << 20),
                        "segment.ms", Long.toString(Duration.ofMinutes(10).toMillis()),
                        "delete.retention.ms",
                                Long.toString(Duration.ofMinutes(10).toMillis()),
                        "min.cleanable.dirty.ratio", "0.1"));
    }

    @Override
    public void init(ProcessorContext<String, StageOutcome<O>> context) {
        this.context = context;
        KeyValueStore<Long, byte[]> store = context.getStateStore(storeName);
        this.buffer = new BatchBuffer(store, batching.maxSize());
        // Restored after a crash or a move of the task: what was waiting still waits, in order.
        buffer.restore();
        oldestBufferedAtMillis =
                context.currentSystemTimeMs() - batching.maxDelay().toMillis();
        Duration tick = batching.maxDelay().isZero() ? Duration.ofMillis(1) : batching.maxDelay();
        long holdLimitMillis = HOLD_LIMIT_TICKS * tick.toMillis();
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
            long waited = now - oldestBufferedAtMillis;
            if (buffer.size() > 0
                    && (!arrivedSinceTick && waited >= batching.maxDelay().toMillis()
                            || waited >= holdLimitMillis
                            || buffer.restoredRecordsWaiting())) {
                drain();
            }
            arrivedSinceTick = false;
        });
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (buffer.restoredRecordsWaiting()) {
            drain();
        }
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        BufferedInput input = new BufferedInput(
                buffer.nextSequence(),
                metadata == null ? "unknown" : metadata.topic(),
                metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1 : metadata.offset(),
                record.timestamp(),
                System.currentTimeMillis(),
                record.key(),
                record.value());
        I value;
        try {
            value = records.decode(contextOf(input, 0), record.headers(), record.value());
        } catch (SerializationException e) {
            forward(
                    input,
                    StageOutcome.deadLettered(records.invalid(contextOf(input, 0), input.key(), input.value(), e)));
            return;
        }
        if (!records.applies(value)) {
            return;
        }
        buffer.add(input);
        pending.put(input.sequence(), new Pending<>(value, System.nanoTime()));
        arrivedSinceTick = true;
        if (buffer.size() == 1) {
            oldestBufferedAtMillis = context.currentSystemTimeMs();
        }
        if (buffer.size() >= batching.maxSize()) {
            drain();
        }
    }

    /** Runs the stage on everything buffered and forwards one outcome per record, in arrival order. */
    private void drain() {
        List<BufferedInput> inBatch = new ArrayList<>(buffer.size());
        List<StageInput<I>> inputs = new ArrayList<>(buffer.size());
        for (BufferedInput input : buffer.waiting()) {
            StageInput<I> stageInput = stageInput(input);
            if (stageInput != null) {
                inputs.add(stageInput);
                inBatch.add(input);
            }
        }
        long started = System.nanoTime();
        List<Attempt<O>> attempts = run(inputs);
        records.metrics()
                .recordBatch(
                        inputs.size(),
                        System.nanoTime() - started,
                        inputs.stream()
                                .mapToLong(in -> in.context().bufferedNanos())
                                .toArray());
        // Forwarded only once every outcome exists: a failure to write them (the registry refusing a
        // schema) stops the task with the buffer intact, to be retried from the last commit.
        for (int i = 0; i < attempts.size(); i++) {
            forward(inBatch.get(i), outcome(inBatch.get(i), inputs.get(i), attempts.get(i)));
        }
        buffer.drained();
    }

    /** The buffered record as the stage's input; null (and dead-lettered) where it no longer decodes. */
    private StageInput<I> stageInput(BufferedInput input) {
        Pending<I> pending = this.pending.remove(input.sequence());
        long waitedNanos = pending != null
                ? System.nanoTime() - pending.bufferedNanos()
                : Math.max(0, System.currentTimeMillis() - input.bufferedAtMillis()) * 1_000_000;
        InputContext inputContext = contextOf(input, waitedNanos);
        if (pending != null) {
            return new StageInput<>(pending.value(), inputContext);
        }
        try {
            return new StageInput<>(records.decode(inputContext, new RecordHeaders(), input.value()), inputContext);
        } catch (SerializationException e) {
            forward(input, StageOutcome.deadLettered(records.invalid(inputContext, input.key(), input.value(), e)));
            return null;
        }
    }

    /** What the stage made of one record, or the failure of Montage itself that stood in the way. */
    private record Attempt<O>(ItemOutcome<O> outcome, RuntimeException failure) {}

    /** The stage on a batch; a bug that fails the whole batch is narrowed down to the records it fails on. */
    private List<Attempt<O>> run(List<StageInput<I>> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<ItemOutcome<O>> outcomes;
        try {
            outcomes = stage.processAll(inputs);
        } catch (StageUnavailable e) {
            throw e;
        } catch (NativeLibrariesUnavailableException e) {
            throw records.machineUnavailable(e);
        } catch (RuntimeException e) {
            if (inputs.size() == 1) {
                return List.of(new Attempt<>(null, e));
            }
            List<Attempt<O>> alone = new ArrayList<>(inputs.size());
            inputs.forEach(input -> alone.addAll(run(List.of(input))));
            return alone;
        }
        if (outcomes.size() != inputs.size()) {
            throw new IllegalStateException("stage " + records.stageName() + " returned " + outcomes.size()
                    + " outcomes for a batch of " + inputs.size());
        }
        return outcomes.stream().map(outcome -> new Attempt<>(outcome, null)).toList();
    }

    private StageOutcome<O> outcome(BufferedInput raw, StageInput<I> input, Attempt<O> attempt) {
        String eventId = records.eventId(input.value());
        if (attempt.failure() != null) {
            return StageOutcome.deadLettered(
                    records.internalError(input.context(), eventId, raw.key(), raw.value(), attempt.failure()));
        }
        if (attempt.outcome() instanceof ItemOutcome.Rejected<O> rejected) {
            return StageOutcome.deadLettered(
                    records.rejected(input.context(), eventId, raw.key(), raw.value(), rejected.rejection()));
        }
        records.metrics().recordEmitted(System.nanoTime() - input.context().startedNanos());
        return StageOutcome.emitted(((ItemOutcome.Done<O>) attempt.outcome()).value());
    }

    private void forward(BufferedInput input, StageOutcome<O> outcome) {
        context.forward(new Record<>(input.key(), outcome, input.timestamp()));
    }

    private static InputContext contextOf(BufferedInput input, long waitedNanos) {
        return new InputContext(
                input.topic(),
                input.partition(),
                input.offset(),
                Instant.ofEpochMilli(input.timestamp()),
                Instant.ofEpochMilli(input.bufferedAtMillis()),
                System.nanoTime() - waitedNanos,
                waitedNanos);
    }
}
