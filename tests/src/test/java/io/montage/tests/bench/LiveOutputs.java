package io.montage.tests.bench;

import io.montage.schemas.avro.OcrResult;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.TopicTail;
import io.montage.topology.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Montage's committed outputs for live streams, read as they arrive (read_committed), with the time
 * each was read: the scenes a cut closed (scenes closed as idle are the streams' ends, not timed), and
 * the OCR stage's result for each frame where that stage is on.
 */
final class LiveOutputs implements AutoCloseable {

    /** A scene closed by a cut at {@code endPtsMicros}, or the OCR of frame {@code frameIndex}, read at {@code readNanos}. */
    record Arrival(long at, long readNanos) {}

    private final TopicTail<SpecificRecord> tail;
    private final Map<String, List<Arrival>> scenes = new HashMap<>();
    private final Map<String, List<Arrival>> ocr = new HashMap<>();

    LiveOutputs(RunningMontage montage, boolean withOcr) {
        List<Topic<?>> topics = new ArrayList<>(List.of(montage.app.topics().scenes()));
        if (withOcr) {
            topics.add(montage.app.topics().ocr());
        }
        tail = montage.tail(topics.toArray(Topic<?>[]::new));
    }

    void poll(Duration timeout) {
        tail.poll(timeout, r -> read(r.value(), System.nanoTime()));
    }

    boolean pollUntil(BooleanSupplier done, Duration timeout) {
        return tail.pollUntil(done, timeout, r -> read(r.value(), System.nanoTime()));
    }

    /** The stream's scenes closed by a cut so far, in the order read: at = the scene's end (the cut's pts). */
    List<Arrival> scenes(String streamId) {
        return scenes.getOrDefault(streamId, List.of());
    }

    /** The OCR results of the stream's frames so far: at = the frame index. */
    List<Arrival> ocr(String streamId) {
        return ocr.getOrDefault(streamId, List.of());
    }

    private void read(SpecificRecord value, long now) {
        if (value instanceof SceneDescription scene && scene.getClosedBy() == SceneClosedBy.NEXT_SCENE) {
            scenes.computeIfAbsent(scene.getStreamId(), s -> new ArrayList<>())
                    .add(new Arrival(scene.getEndPtsMicros(), now));
        } else if (value instanceof OcrResult result && result.getFrame() != null) {
            ocr.computeIfAbsent(result.getFrame().getStreamId(), s -> new ArrayList<>())
                    .add(new Arrival(result.getFrame().getFrameIndex(), now));
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
