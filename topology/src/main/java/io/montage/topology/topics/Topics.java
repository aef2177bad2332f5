package io.montage.topology.topics;

import io.montage.schemas.RecordLimits;
import io.montage.schemas.avro.AudioEvent;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.OcrResult;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.ReferenceEntry;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.VideoEvent;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.ConfluentAvroSerde;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic Montage reads or writes, with its serdes. Names share one configurable prefix. Keys
 * are strings: the eventId, or the streamId for video frames so a stream's frames keep their order;
 * reference-list entries are keyed by {@code <list>/<referenceId>}.
 */
public final class Topics {

    /** Inline media make large records: the input and media-carrying topics accept up to 16 MiB. */
    private static final Map<String, String> MEDIA_TOPIC =
            Map.of("max.message.bytes", Integer.toString(RecordLimits.MAX_RECORD_BYTES));
    /** Dead letters are kept for 30 days: long enough for someone to look, fix and replay. */
    private static final Map<String, String> DEAD_LETTER_TOPIC = Map.of(
            "retention.ms", Long.toString(30L * 24 * 3600 * 1000),
            "max.message.bytes", Integer.toString(RecordLimits.MAX_RECORD_BYTES));

    /**
     * Reference lists are state, not events: compaction keeps the latest entry per key for ever and
     * drops removed ones (a tombstone), so the match stage rebuilds every list from the topic.
     */
    private static final Map<String, String> REFERENCE_LIST_TOPIC = Map.of("cleanup.policy", "compact");

    /**
     * A live stream's open scene so far: only the latest per stream matters, and a tombstone removes
     * a stream whose scene closed idle. Updates come every few seconds per stream, so segments roll
     * hourly (the default is a week) and compaction drops the superseded ones within about an hour.
     */
    private static final Map<String, String> SCENES_OPEN_TOPIC =
            Map.of("cleanup.policy", "compact", "segment.ms", Long.toString(3600L * 1000));

    private final String prefix;
    private final Topic<ImageEvent> images;
    private final Topic<AudioEvent> audio;
    private final Topic<VideoEvent> videos;
    private final Topic<VideoFrameEvent> videoFrames;
    private final Topic<TextEvent> texts;
    private final Topic<ProbeResult> probes;
    private final Topic<Caption> captions;
    private final Topic<Embedding> embeddings;
    private final Topic<OcrResult> ocr;
    private final Topic<Transcript> transcripts;
    private final Topic<SceneDescription> scenes;
    private final Topic<SceneDescription> sceneTranscripts;
    private final Topic<SceneDescription> scenesOpen;
    private final Topic<GeneratedMedia> generatedMedia;
    private final Topic<ReferenceEntry> referenceLists;
    private final Topic<Match> matches;
    private final Topic<DeadLetter> deadLetter;

    public Topics(String prefix, ValueSerdes serdes) {
        this.prefix = prefix;
        images = topic(prefix, "images", ImageEvent.class, serdes, MEDIA_TOPIC);
        audio = topic(prefix, "audio", AudioEvent.class, serdes, MEDIA_TOPIC);
        videos = topic(prefix, "videos", VideoEvent.class, serdes, MEDIA_TOPIC);
        videoFrames = topic(prefix, "video-frames", VideoFrameEvent.class, serdes, MEDIA_TOPIC);
        texts = topic(prefix, "texts", TextEvent.class, serdes, Map.of());
        probes = topic(prefix, "probes", ProbeResult.class, serdes, MEDIA_TOPIC);
        captions = topic(prefix, "captions", Caption.class, serdes, Map.of());
        embeddings = topic(prefix, "embeddings", Embedding.class, serdes, Map.of());
        ocr = topic(prefix, "ocr", OcrResult.class, serdes, Map.of());
        transcripts = topic(prefix, "transcripts", Transcript.class, serdes, Map.of());
        scenes = topic(prefix, "scenes", SceneDescription.class, serdes, Map.of());
        sceneTranscripts = topic(prefix, "scene-transcripts", SceneDescription.class, serdes, Map.of());
        scenesOpen = topic(prefix, "scenes-open", SceneDescription.class, serdes, SCENES_OPEN_TOPIC);
        generatedMedia = topic(prefix, "generated-media", GeneratedMedia.class, serdes, MEDIA_TOPIC);
        referenceLists = topic(prefix, "reference-lists", ReferenceEntry.class, serdes, REFERENCE_LIST_TOPIC);
        matches = topic(prefix, "matches", Match.class, serdes, Map.of());
        deadLetter = topic(prefix, "dead-letter", DeadLetter.class, serdes, DEAD_LETTER_TOPIC);
    }

    /** Montage's topics with Confluent-framed Avro values, registered in and read through {@code registry}. */
    public static Topics withRegistry(String prefix, SchemaRegistryClient registry) {
        return new Topics(prefix, new ValueSerdes() {
            @Override
            public <T extends SpecificRecord> Serde<T> forType(Class<T> type) {
                return new ConfluentAvroSerde<>(registry, type);
            }
        });
    }

    private static <T extends SpecificRecord> Topic<T> topic(
            String prefix, String name, Class<T> type, ValueSerdes serdes, Map<String, String> configs) {
        Serde<String> keys = Serdes.String();
        return new Topic<>(prefix + name, keys, serdes.forType(type), type, configs);
    }

    public Topic<ImageEvent> images() {
        return images;
    }

    public Topic<AudioEvent> audio() {
        return audio;
    }

    public Topic<VideoEvent> videos() {
        return videos;
    }

    public Topic<VideoFrameEvent> videoFrames() {
        return videoFrames;
    }

    public Topic<TextEvent> texts() {
        return texts;
    }

    public Topic<ProbeResult> probes() {
        return probes;
    }

    public Topic<Caption> captions() {
        return captions;
    }

    public Topic<Embedding> embeddings() {
        return embeddings;
    }

    public Topic<OcrResult> ocr() {
        return ocr;
    }

    public Topic<Transcript> transcripts() {
        return transcripts;
    }

    public Topic<SceneDescription> scenes() {
        return scenes;
    }

    /** Scenes of clips with sound again, each with the transcript segments that overlap it. */
    public Topic<SceneDescription> sceneTranscripts() {
        return sceneTranscripts;
    }

    /** Each live stream's open scene so far (closedBy ONGOING), keyed by stream id; compacted. */
    public Topic<SceneDescription> scenesOpen() {
        return scenesOpen;
    }

    public Topic<GeneratedMedia> generatedMedia() {
        return generatedMedia;
    }

    /** Entries of the moderation reference lists, keyed by {@code <list>/<referenceId>}; compacted. */
    public Topic<ReferenceEntry> referenceLists() {
        return referenceLists;
    }

    public Topic<Match> matches() {
        return matches;
    }

    public Topic<DeadLetter> deadLetter() {
        return deadLetter;
    }

    public List<Topic<?>> all() {
        return List.of(
                images,
                audio,
                videos,
                videoFrames,
                texts,
                probes,
                captions,
                embeddings,
                ocr,
                transcripts,
                scenes,
                sceneTranscripts,
                scenesOpen,
                generatedMedia,
                referenceLists,
                matches,
                deadLetter);
    }

    /** Finds a topic by its full name or its unprefixed short name, for the CLI. */
    public Optional<Topic<?>> byName(String name) {
        return all().stream()
                .filter(t -> t.name().equals(name) || t.name().equals(prefix + name))
                .findFirst();
    }
}
