package io.montage.processors.video;

import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.models.video.SceneEnd;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.SceneTracker;
import io.montage.models.video.StreamScenes;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.StageMetrics;
import io.montage.processors.stage.StageOutcome;
import io.montage.processors.stage.StageRecords;
import io.montage.processors.stage.StageRejection;
import io.montage.processors.stage.StageUnavailable;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.RecordLimits;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.SceneDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka side of the scene stage. An uploaded clip's probe result becomes all of its scenes in
 * one step. A live stream's frames (probe results of {@code video-frames}, keyed by stream id, so
 * a stream's frames meet in one task) go through the stream's {@link StreamScenes}, kept in a
 * changelogged store and written back after every frame: the store, the scenes written and the
 * input offsets commit in one exactly-once transaction, so a crash neither loses a scene nor writes
 * one twice. Frames are placed by presentation time (stream time), not by arrival; a wall-clock
 * punctuation closes the open scene of a stream that has sent nothing for the idle timeout.
 *
 * <p>A clip also gets its contact sheet, summary video and WebVTT track on {@code generated-media}. A frame produces no record of its own unless it is late (dead-lettered as {@code LATE_FRAME})
 * or cannot be decoded: the scene stage's outputs are scenes, not one result per input.
 *
 * <p>A live stream's open scene so far goes to {@code scenes-open} when it opens and then at most once
 * per {@link SceneSettings#liveUpdateInterval()} of stream time, and its closed scenes wait in a second store, one entry per scene, until their window's contact sheet and summary are
 * written ({@link LiveWindows}): each keyframe goes to that store's changelog once, not with every
 * frame's state.
 */
public final class ScenesProcessor implements Processor<String, byte[], String, StageOutcome<SceneOutput>> {

    /** How often idle streams are looked for, at most: a tenth of the timeout keeps the close within 10 % of it. */
    private static final Duration LONGEST_IDLE_CHECK = Duration.ofSeconds(1);

    private final StageRecords<ProbeResult> records;
    private final SceneStage stage;
    private final LiveScenes live;
    private final String storeName;
    private final String keptScenesStoreName;
    private final String inputTopic;
    private ProcessorContext<String, StageOutcome<SceneOutput>> context;
    private KeyValueStore<String, byte[]> streams;
    private KeyValueStore<String, byte[]> kept;

    public ScenesProcessor(
            String stageName,
            Deserializer<ProbeResult> deserializer,
            SceneStage stage,
            DeadLetterFactory deadLetters,
            StageMetrics metrics,
            String storeName,
            String keptScenesStoreName,
            String inputTopic) {
        this.records = new StageRecords<>(
                stageName, deserializer, ProbeResult::getEventId, SceneStage::applies, deadLetters, metrics);
        this.stage = stage;
        this.live = new LiveScenes(stage);
        this.storeName = storeName;
        this.keptScenesStoreName = keptScenesStoreName;
        this.inputTopic = inputTopic;
    }

    /**
     * Each stream's state, keyed by stream id: in memory, with a compacted changelog (restored on a
     * crash or a move of the task) that takes a state of a few keyframes.
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> streamStore(String storeName) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of(
                        "max.message.bytes",
                        Integer.toString(RecordLimits.MAX_RECORD_BYTES),
                        "min.cleanable.dirty.ratio",
                        "0.1"));
    }

    /**
     * Live streams' closed scenes kept for their window's contact sheet and summary, one per entry
     * keyed {@code <streamId>/scene-<index>}, deleted once the window is written: in memory, with a
     * compacted changelog, as the stream store.
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> keptScenesStore(String storeName) {
        return streamStore(storeName);
    }

    @Override
    public void init(ProcessorContext<String, StageOutcome<SceneOutput>> context) {
        this.context = context;
        this.streams = context.getStateStore(storeName);
        this.kept = context.getStateStore(keptScenesStoreName);
        Duration idle = stage.settings().idleTimeout();
        Duration check = idle.dividedBy(10).compareTo(LONGEST_IDLE_CHECK) < 0 ? idle.dividedBy(10) : LONGEST_IDLE_CHECK;
        context.schedule(
                check.isZero() ? Duration.ofMillis(1) : check, PunctuationType.WALL_CLOCK_TIME, this::closeIdle);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        InputContext input = inputContext(record);
        ProbeResult probe;
        try {
            probe = records.decode(input, record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, records.invalid(input, record.key(), record.value(), e));
            return;
        }
        if (!records.applies(probe)) {
            return;
        }
        try {
            if (SceneStage.isClip(probe)) {
                SceneStage.ClipScenes clip = stage.clip(probe, input);
                for (SceneDescription scene : clip.scenes()) {
                    emit(scene.getStreamId(), scene, record.timestamp(), input);
                }
                for (GeneratedMedia media : clip.generated()) {
                    context.forward(new Record<>(
                            probe.getEventId(), StageOutcome.emitted(SceneOutput.of(media)), record.timestamp()));
                }
            } else {
                frame(probe, record, input);
            }
        } catch (StageRejection e) {
            deadLetter(record, records.rejected(input, probe.getEventId(), record.key(), record.value(), e));
        } catch (StageUnavailable e) {
            throw e;
        } catch (NativeLibrariesUnavailableException e) {
            throw records.machineUnavailable(e);
        } catch (RuntimeException e) {
            deadLetter(record, records.internalError(input, probe.getEventId(), record.key(), record.value(), e));
        }
    }

    private void frame(ProbeResult probe, Record<String, byte[]> record, InputContext input) throws StageRejection {
        String streamId = probe.getFrame().getStreamId();
        SceneFrame frame = stage.frame(probe);
        LiveStream state = state(streamId);
        SceneTracker.Step step = stage.tracker().accept(state.scenes(), frame, context.currentSystemTimeMs());
        if (step.late()) {
            streams.put(streamId, StreamScenesCodec.encode(state.withScenes(step.state())));
            throw late(frame, state.scenes());
        }
        write(streamId, state, step, false, record.timestamp(), input);
    }

    /** The step's outputs and the stream's state after, worked out first: a failure then leaves the state as it was. */
    private void write(
            String streamId,
            LiveStream state,
            SceneTracker.Step step,
            boolean idle,
            long timestamp,
            InputContext input) {
        LiveScenes.Written written = live.after(state, step, idle, input, index -> {
            byte[] stored = kept.get(keptKey(streamId, index));
            return stored == null ? null : KeptSceneCodec.decode(stored);
        });
        for (KeptScene scene : written.keep()) {
            kept.put(keptKey(streamId, scene.cue().sceneIndex()), KeptSceneCodec.encode(scene));
        }
        for (long index : written.forget()) {
            kept.delete(keptKey(streamId, index));
        }
        streams.put(streamId, StreamScenesCodec.encode(written.state()));
        for (SceneDescription scene : written.scenes()) {
            emit(streamId, scene, timestamp, input);
        }
        for (GeneratedMedia media : written.windows()) {
            context.forward(new Record<>(streamId, StageOutcome.emitted(SceneOutput.of(media)), timestamp));
        }
        written.soFar()
                .ifPresent(soFar -> context.forward(
                        new Record<>(streamId, StageOutcome.emitted(SceneOutput.of(soFar)), timestamp)));
    }

    /** A kept scene's key in the kept-scenes store; unique, as a scene index has digits only. */
    private static String keptKey(String streamId, long sceneIndex) {
        return streamId + "/scene-" + sceneIndex;
    }

    private StageRejection late(SceneFrame frame, StreamScenes state) {
        return new StageRejection(
                ErrorClass.LATE_FRAME,
                String.format(
                        Locale.ROOT,
                        "Frame %d of stream %s (presentation time %.3f s) arrived after its stream's scenes were placed "
                                + "up to %.3f s, or repeats a frame's time: frames more than the grace period (%d ms, "
                                + "montage.scenes.grace) behind the newest are not placed. Send a stream's frames in "
                                + "order and keyed by streamId, or raise montage.scenes.grace.",
                        frame.frameIndex(),
                        state.streamId(),
                        frame.ptsMicros() / 1e6,
                        state.placedPtsMicros() / 1e6,
                        stage.settings().rules().graceMicros() / 1_000));
    }

    /** Closes the open scene of every stream of this task that has sent nothing for the idle timeout. */
    private void closeIdle(long nowMillis) {
        long idleMillis = stage.settings().idleTimeout().toMillis();
        List<KeyValue<String, LiveStream>> idle = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = streams.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                LiveStream state = StreamScenesCodec.decode(entry.value);
                if (state.scenes().hasOpenWork() && nowMillis - state.scenes().lastArrivalMillis() >= idleMillis) {
                    idle.add(KeyValue.pair(entry.key, state));
                }
            }
        }
        for (KeyValue<String, LiveStream> stream : idle) {
            LiveStream state = stream.value;
            SceneTracker.Step step =
                    stage.tracker().close(state.scenes(), state.scenes().newestPtsMicros(), SceneEnd.IDLE);
            write(stream.key, state, step, true, nowMillis, punctuationContext(nowMillis));
        }
    }

    private LiveStream state(String streamId) {
        byte[] stored = streams.get(streamId);
        return stored == null ? LiveStream.start(streamId) : StreamScenesCodec.decode(stored);
    }

    private void emit(String streamId, SceneDescription scene, long timestamp, InputContext input) {
        context.forward(new Record<>(streamId, StageOutcome.emitted(SceneOutput.of(scene)), timestamp));
        records.metrics().recordEmitted(System.nanoTime() - input.startedNanos());
    }

    private void deadLetter(Record<String, byte[]> record, io.montage.schemas.avro.DeadLetter deadLetter) {
        context.forward(new Record<>(record.key(), StageOutcome.deadLettered(deadLetter), record.timestamp()));
    }

    private InputContext inputContext(Record<String, byte[]> record) {
        return InputContext.startingNow(context.recordMetadata(), record.timestamp());
    }

    /** A scene closed by the idle check answers no one input record: its coordinates name the task's partition. */
    private InputContext punctuationContext(long nowMillis) {
        return new InputContext(
                inputTopic,
                context.taskId().partition(),
                -1,
                Instant.ofEpochMilli(nowMillis),
                Instant.now(),
                System.nanoTime(),
                0);
    }
}
