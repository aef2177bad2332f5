package io.montage.topology.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.SceneDescription;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live streams the wall shows: each stream's scene on screen now (its latest update on
 * {@code scenes-open}) and its last closed scenes (from {@code scenes}), for "what is on screen
 * now, what changed". Bounded: the most recently active {@code capacity} streams, each with its last
 * {@link #RECENT} scenes, keyframes (small JPEGs) included.
 */
final class LiveStreams {

    /** Closed scenes shown per stream: enough to see what changed, few enough to keep memory small. */
    static final int RECENT = 6;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One stream: its open scene so far (null once it went idle, or before the first update), its last scenes. */
    record Stream(String streamId, SceneDescription now, List<SceneDescription> recent) {}

    private final int capacity;
    private final LinkedHashMap<String, Stream> streams;

    LiveStreams(int capacity) {
        this.capacity = capacity;
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stream> eldest) {
                return size() > LiveStreams.this.capacity;
            }
        };
    }

    /** A stream's open scene so far, or its tombstone ({@code soFar} null: no scene is open). */
    synchronized Stream open(String streamId, SceneDescription soFar) {
        Stream held = streams.getOrDefault(streamId, new Stream(streamId, null, List.of()));
        // An update older than the scene shown (topics are read independently) does not take its place.
        if (soFar != null
                && held.now() != null
                && soFar.getSceneIndex() < held.now().getSceneIndex()) {
            return held;
        }
        Stream updated = new Stream(streamId, soFar, held.recent());
        streams.put(streamId, updated);
        return updated;
    }

    /** A closed scene of a live stream, newest first among the recent, each index once. */
    synchronized Stream closed(SceneDescription scene) {
        String streamId = scene.getStreamId();
        Stream held = streams.getOrDefault(streamId, new Stream(streamId, null, List.of()));
        List<SceneDescription> recent = new ArrayList<>(RECENT + 1);
        recent.add(scene);
        for (SceneDescription earlier : held.recent()) {
            if (earlier.getSceneIndex() != scene.getSceneIndex() && recent.size() < RECENT) {
                recent.add(earlier);
            }
        }
        recent.sort((a, b) -> Long.compare(b.getSceneIndex(), a.getSceneIndex()));
        SceneDescription now =
                held.now() != null && held.now().getSceneIndex() <= scene.getSceneIndex() ? null : held.now();
        Stream updated = new Stream(streamId, now, List.copyOf(recent));
        streams.put(streamId, updated);
        return updated;
    }

    /** The keyframe of scene {@code sceneIndex} of a stream held here, open or recent. */
    synchronized Optional<Media> keyframe(String streamId, long sceneIndex) {
        Stream stream = streams.get(streamId);
        if (stream == null) {
            return Optional.empty();
        }
        List<SceneDescription> all = new ArrayList<>(stream.recent());
        if (stream.now() != null) {
            all.add(stream.now());
        }
        return all.stream()
                .filter(scene -> scene.getSceneIndex() == sceneIndex && scene.getKeyframe() != null)
                .map(SceneDescription::getKeyframe)
                .findFirst();
    }

    synchronized List<Stream> all() {
        return List.copyOf(streams.values());
    }

    /** What the page draws of a stream: text and numbers, and each keyframe by its URL under /web/. */
    static ObjectNode toJson(Stream stream) {
        ObjectNode node = JSON.objectNode();
        node.put("streamId", stream.streamId());
        String base = "live/"
                + URLEncoder.encode(stream.streamId(), StandardCharsets.UTF_8).replace("+", "%20") + "/";
        node.set("now", stream.now() == null ? null : scene(stream.now(), base));
        ArrayNode recent = node.putArray("recent");
        stream.recent().forEach(scene -> recent.add(scene(scene, base)));
        return node;
    }

    private static ObjectNode scene(SceneDescription scene, String base) {
        ObjectNode node = JSON.objectNode();
        node.put("index", scene.getSceneIndex());
        node.put("startMicros", scene.getStartPtsMicros());
        node.put("endMicros", scene.getEndPtsMicros());
        node.put("frameCount", scene.getFrameCount());
        node.put("closedBy", scene.getClosedBy().name().toLowerCase(java.util.Locale.ROOT));
        node.put("ocrText", scene.getOcrText());
        node.put("caption", scene.getCaption());
        ArrayNode labels = node.putArray("labels");
        for (LabelScore label : scene.getLabels()) {
            labels.add(label.getLabel());
        }
        node.put("keyframe", scene.getKeyframe() == null ? null : base + scene.getSceneIndex() + ".jpg");
        return node;
    }
}
