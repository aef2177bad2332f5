package io.montage.processors.video;

import io.montage.processors.stage.DeadLetterFactory;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.StageMetrics;
import io.montage.processors.stage.StageOutcome;
import io.montage.processors.stage.StageRecords;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.TranscriptSegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scene-transcripts stage: joins the scenes of a clip with a sound track ({@code scenes},
 * {@link SceneDescription#getSoundTrack()}) with the clip's transcript ({@code transcripts}) and
 * writes each scene again with the transcript segments that overlap it ({@link TranscriptOverlap}).
 *
 * <p>A clip's scenes are keyed by its event id (its stream id) and its transcript by the same id,
 * so both halves of a clip meet in one task without a repartition. Whichever half comes first waits
 * in the task's stores, as the bytes it was read as, until the other comes. The scenes stage writes
 * a clip's scenes together, the last closed by {@code END_OF_CLIP}, so a transcript that came first
 * is kept until that last scene. Both stores are RocksDB with changelogs: what waits is as large as
 * the transcribe stage is behind (Whisper on a CPU takes far longer per clip than splitting it), so
 * it must not be bounded by the heap; store, outputs and input offsets commit in one exactly-once
 * transaction, so a crash neither loses a waiting scene nor writes a joined one twice.
 *
 * <p>Nothing waits for ever: a wall-clock check writes scenes that waited longer than
 * {@code montage.scene-transcripts.wait} with {@code transcriptSegments} null (no transcript came:
 * the transcribe stage is off, or dead-lettered the clip), and forgets transcripts that waited as
 * long for scenes (an audio upload has no scenes; a clip the scenes stage dead-lettered has none).
 */
public final class SceneTranscriptsProcessor
        implements Processor<String, byte[], String, StageOutcome<SceneDescription>> {

    private static final Logger log = LoggerFactory.getLogger(SceneTranscriptsProcessor.class);

    /** How often waits are checked, at most: a tenth of the wait keeps a release within 10 % of it. */
    private static final Duration LONGEST_WAIT_CHECK = Duration.ofSeconds(10);

    /** Between a clip id and a scene index in the scene store's keys; producers' event ids hold no NUL. */
    private static final char SEPARATOR = '\u0000';

    private final StageRecords<SceneDescription> scenes;
    private final StageRecords<Transcript> transcripts;
    private final Deserializer<SceneDescription> sceneDeserializer;
    private final Deserializer<Transcript> transcriptDeserializer;
    private final Inputs inputs;
    private final Duration wait;
    private ProcessorContext<String, StageOutcome<SceneDescription>> context;
    private KeyValueStore<String, byte[]> waitingScenes;
    private KeyValueStore<String, byte[]> waitingTranscripts;

    /** The topics the two halves are read from, and the names of the stores they wait in. */
    public record Inputs(String scenesTopic, String transcriptsTopic, String sceneStore, String transcriptStore) {}

    public SceneTranscriptsProcessor(
            String stageName,
            Deserializer<SceneDescription> sceneDeserializer,
            Deserializer<Transcript> transcriptDeserializer,
            Inputs inputs,
            Duration wait,
            DeadLetterFactory deadLetters,
            StageMetrics metrics) {
        this.scenes = new StageRecords<>(
                stageName,
                sceneDeserializer,
                SceneDescription::getEventId,
                SceneTranscriptsProcessor::awaitsTranscript,
                deadLetters,
                metrics);
        this.transcripts = new StageRecords<>(
                stageName, transcriptDeserializer, Transcript::getEventId, any -> true, deadLetters, metrics);
        this.sceneDeserializer = sceneDeserializer;
        this.transcriptDeserializer = transcriptDeserializer;
        this.inputs = inputs;
        this.wait = wait;
    }

    /** A scene of a clip with sound, as the scenes stage wrote it (not yet joined). */
    public static boolean awaitsTranscript(SceneDescription scene) {
        return scene.getSoundTrack() && scene.getTranscriptSegments() == null;
    }

    /** One of the stage's stores: RocksDB (what waits can outgrow the heap), with a changelog. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    @Override
    public void init(ProcessorContext<String, StageOutcome<SceneDescription>> context) {
        this.context = context;
        this.waitingScenes = context.getStateStore(inputs.sceneStore());
        this.waitingTranscripts = context.getStateStore(inputs.transcriptStore());
        Duration check = wait.dividedBy(10).compareTo(LONGEST_WAIT_CHECK) < 0 ? wait.dividedBy(10) : LONGEST_WAIT_CHECK;
        context.schedule(
                check.isZero() ? Duration.ofMillis(1) : check, PunctuationType.WALL_CLOCK_TIME, this::releaseExpired);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        InputContext input = InputContext.startingNow(context.recordMetadata(), record.timestamp());
        if (input.topic().equals(inputs.scenesTopic())) {
            scene(record, input);
        } else {
            transcript(record, input);
        }
    }

    private void scene(Record<String, byte[]> record, InputContext input) {
        SceneDescription scene;
        try {
            scene = scenes.decode(input, record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, scenes.invalid(input, record.key(), record.value(), e));
            return;
        }
        if (!scenes.applies(scene)) {
            return;
        }
        String clip = scene.getStreamId();
        byte[] transcript = waitingTranscripts.get(clip);
        if (transcript == null) {
            waitingScenes.put(
                    sceneKey(clip, scene.getSceneIndex()),
                    new WaitingRecord(context.currentSystemTimeMs(), record.value()).encode());
            return;
        }
        List<TranscriptSegment> segments =
                decodeTranscript(WaitingRecord.decode(transcript)).getSegments();
        emit(joined(scene, segments), record.timestamp(), input);
        if (scene.getClosedBy() == SceneClosedBy.END_OF_CLIP) {
            waitingTranscripts.delete(clip);
        }
    }

    private void transcript(Record<String, byte[]> record, InputContext input) {
        Transcript transcript;
        try {
            transcript = transcripts.decode(input, record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, transcripts.invalid(input, record.key(), record.value(), e));
            return;
        }
        String clip = transcript.getEventId();
        List<KeyValue<String, SceneDescription>> waiting = waitingScenesOf(clip);
        boolean lastSceneSeen = false;
        for (KeyValue<String, SceneDescription> scene : waiting) {
            emit(joined(scene.value, transcript.getSegments()), record.timestamp(), input);
            waitingScenes.delete(scene.key);
            lastSceneSeen |= scene.value.getClosedBy() == SceneClosedBy.END_OF_CLIP;
        }
        if (!lastSceneSeen) {
            // Scenes still to come (or none ever, for an audio upload: forgotten after the wait).
            waitingTranscripts.put(clip, new WaitingRecord(context.currentSystemTimeMs(), record.value()).encode());
        }
    }

    /** Writes scenes that waited past the wait without their transcript, and forgets stale transcripts. */
    private void releaseExpired(long nowMillis) {
        long cutoff = nowMillis - wait.toMillis();
        List<KeyValue<String, byte[]>> expiredScenes = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = waitingScenes.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (WaitingRecord.arrivedMillis(entry.value) <= cutoff) {
                    expiredScenes.add(entry);
                }
            }
        }
        InputContext input = InputContext.startingNow(Optional.empty(), nowMillis);
        for (KeyValue<String, byte[]> entry : expiredScenes) {
            SceneDescription scene = decodeScene(WaitingRecord.decode(entry.value));
            log.warn(
                    "Scene {} of clip {} is written to scene-transcripts without transcript segments: no transcript"
                            + " came within {} (montage.scene-transcripts.wait). Is the transcribe stage on? Its"
                            + " dead-letters say why a clip was not transcribed.",
                    scene.getSceneIndex(),
                    scene.getStreamId(),
                    wait);
            emit(scene, nowMillis, input);
            waitingScenes.delete(entry.key);
        }
        List<String> expiredTranscripts = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = waitingTranscripts.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (WaitingRecord.arrivedMillis(entry.value) <= cutoff) {
                    expiredTranscripts.add(entry.key);
                }
            }
        }
        for (String clip : expiredTranscripts) {
            log.debug("Transcript {} waited {} for scenes that did not come (an audio upload has none)", clip, wait);
            waitingTranscripts.delete(clip);
        }
    }

    private List<KeyValue<String, SceneDescription>> waitingScenesOf(String clip) {
        List<KeyValue<String, SceneDescription>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> scan =
                waitingScenes.prefixScan(clip + SEPARATOR, new StringSerializer())) {
            while (scan.hasNext()) {
                KeyValue<String, byte[]> entry = scan.next();
                waiting.add(KeyValue.pair(entry.key, decodeScene(WaitingRecord.decode(entry.value))));
            }
        }
        return waiting;
    }

    /** The scene as the scenes stage wrote it, with the segments that overlap it. */
    private static SceneDescription joined(SceneDescription scene, List<TranscriptSegment> transcript) {
        long end = scene.getEndPtsMicros() != null ? scene.getEndPtsMicros() : Long.MAX_VALUE;
        return SceneDescription.newBuilder(scene)
                .setTranscriptSegments(TranscriptOverlap.of(transcript, scene.getStartPtsMicros(), end))
                .build();
    }

    /** Scene keys sort by clip, then scene index: a clip's waiting scenes are one prefix, in order. */
    private static String sceneKey(String clip, long sceneIndex) {
        return clip + SEPARATOR + String.format(Locale.ROOT, "%019d", sceneIndex);
    }

    /** Stored values decoded when they arrived, so they decode again: the registry keeps their schemas. */
    private SceneDescription decodeScene(WaitingRecord stored) {
        return sceneDeserializer.deserialize(inputs.scenesTopic(), stored.value());
    }

    private Transcript decodeTranscript(WaitingRecord stored) {
        return transcriptDeserializer.deserialize(inputs.transcriptsTopic(), stored.value());
    }

    private void emit(SceneDescription scene, long timestamp, InputContext input) {
        context.forward(new Record<>(scene.getStreamId(), StageOutcome.emitted(scene), timestamp));
        scenes.metrics().recordEmitted(System.nanoTime() - input.startedNanos());
    }

    private void deadLetter(Record<String, byte[]> record, DeadLetter deadLetter) {
        context.forward(new Record<>(record.key(), StageOutcome.deadLettered(deadLetter), record.timestamp()));
    }
}
