package io.montage.topology.web;

import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.OcrResult;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Transcript;
import io.montage.topology.client.TopicTail;
import io.montage.topology.topics.Topic;
import io.montage.topology.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics the wall shows, committed records only (through {@link TopicTail}: read_committed,
 * no consumer group, so it moves nobody's offsets), starting from their recent past, and hands each
 * record to the wall on its own thread.
 */
final class CommittedRecordFeed implements AutoCloseable {

    /** What the feed hands over: a record of one of the wall's topics, decoded. */
    interface Sink {
        void probe(ProbeResult probe, Instant seenAt);

        void output(String eventId, SpecificRecord output);

        void deadLetter(DeadLetter deadLetter);

        /** A live stream's open scene so far from {@code scenes-open}; null for its tombstone (no scene open). */
        void liveSceneSoFar(String streamId, SceneDescription soFar);

        /** A live stream's closed scene from {@code scenes}. */
        void liveSceneClosed(SceneDescription scene);
    }

    private static final Logger log = LoggerFactory.getLogger(CommittedRecordFeed.class);

    private final Thread thread;
    private volatile boolean running = true;

    private final String scenesOpen;

    private CommittedRecordFeed(TopicTail<SpecificRecord> tail, Sink sink, String scenesOpen) {
        this.scenesOpen = scenesOpen;
        this.thread = new Thread(() -> run(tail, sink), "montage-web-feed");
        thread.setDaemon(true);
    }

    /**
     * Starts reading {@code topics}' wall topics from their last {@code recent} records per partition.
     *
     * @param kafka the consumer settings Montage's own clients use (security, say)
     */
    static CommittedRecordFeed start(
            String bootstrapServers, Map<String, String> kafka, Topics topics, int recent, Sink sink) {
        Map<String, Deserializer<?>> values = new LinkedHashMap<>();
        for (Topic<?> topic : List.of(
                topics.probes(),
                topics.captions(),
                topics.ocr(),
                topics.embeddings(),
                topics.transcripts(),
                topics.generatedMedia(),
                topics.scenes(),
                topics.sceneTranscripts(),
                topics.scenesOpen(),
                topics.matches(),
                topics.deadLetter())) {
            values.put(topic.name(), topic.valueSerde().deserializer());
        }
        TopicTail<SpecificRecord> tail =
                new TopicTail<>(bootstrapServers, kafka, List.copyOf(values.keySet()), (topic, bytes) ->
                        (SpecificRecord) values.get(topic).deserialize(topic, bytes));
        tail.rewindToLast(recent);
        CommittedRecordFeed feed =
                new CommittedRecordFeed(tail, sink, topics.scenesOpen().name());
        feed.thread.start();
        return feed;
    }

    private void run(TopicTail<SpecificRecord> tail, Sink sink) {
        Consumer<ConsumerRecord<String, SpecificRecord>> dispatch = record -> {
            if (record.topic().equals(scenesOpen)) {
                sink.liveSceneSoFar(record.key(), (SceneDescription) record.value());
            } else if (record.value() != null) {
                dispatch(record.value(), sink);
            }
        };
        try (tail) {
            while (running) {
                try {
                    tail.poll(Duration.ofMillis(200), dispatch);
                } catch (WakeupException | InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    // A record the registry cannot decode, or a broker that went away: the wall misses
                    // it and reads on; the stages' own health is on /ready.
                    log.warn("The web view could not read a record: {}", e.toString());
                    sleep();
                }
            }
        }
    }

    private static void dispatch(SpecificRecord value, Sink sink) {
        if (value instanceof ProbeResult probe) {
            sink.probe(probe, Instant.now());
        } else if (value instanceof DeadLetter deadLetter) {
            sink.deadLetter(deadLetter);
        } else if (value instanceof Embedding embedding) {
            // Only an image embedding's zero-shot labels are shown; text embeddings are vectors only.
            if (embedding.getModality() == Modality.IMAGE) {
                sink.output(embedding.getEventId(), embedding);
            }
        } else if (value instanceof GeneratedMedia generated) {
            if (generated.getKind() == GeneratedKind.SUBTITLES
                    || generated.getKind() == GeneratedKind.IMAGE
                    || generated.getKind() == GeneratedKind.VIDEO_SUMMARY) {
                sink.output(generated.getEventId(), generated);
            }
        } else if (value instanceof SceneDescription scene) {
            // A clip's scenes join its card (a clip's stream id is its event id); a live stream's its own.
            if (scene.getStreamId().equals(scene.getEventId())) {
                sink.output(scene.getStreamId(), scene);
            } else {
                sink.liveSceneClosed(scene);
            }
        } else if (value instanceof Caption caption) {
            sink.output(caption.getEventId(), caption);
        } else if (value instanceof OcrResult ocr) {
            sink.output(ocr.getEventId(), ocr);
        } else if (value instanceof Transcript transcript) {
            sink.output(transcript.getEventId(), transcript);
        } else if (value instanceof Match match) {
            sink.output(match.getEventId(), match);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
