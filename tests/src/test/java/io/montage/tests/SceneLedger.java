package io.montage.tests;

import static org.awaitility.Awaitility.await;

import io.montage.schemas.avro.SceneDescription;
import io.montage.topology.client.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Every committed scene record a crash test read, by stream, in the order read: what was lost (a
 * stream short of its scenes) and what was written twice (a (streamId, sceneIndex) seen again).
 */
final class SceneLedger {
    private final Map<String, List<SceneDescription>> byStream = new LinkedHashMap<>();
    private final Set<String> duplicates = new TreeSet<>();

    void add(String streamId, SceneDescription scene) {
        List<SceneDescription> scenes = byStream.computeIfAbsent(streamId, id -> new ArrayList<>());
        if (scenes.stream().anyMatch(s -> s.getSceneIndex() == scene.getSceneIndex())) {
            duplicates.add(streamId + "#" + scene.getSceneIndex());
        }
        scenes.add(scene);
    }

    int count(String streamId) {
        return byStream.getOrDefault(streamId, List.of()).size();
    }

    List<SceneDescription> scenes(String streamId) {
        return byStream.getOrDefault(streamId, List.of());
    }

    Set<String> duplicates() {
        return duplicates;
    }

    int total() {
        return byStream.values().stream().mapToInt(List::size).sum();
    }

    void readUntil(TopicTail<SceneDescription> tail, String what, BooleanSupplier done, Duration within) {
        await(what).atMost(within).pollInSameThread().until(() -> {
            tail.poll(Duration.ofMillis(100), r -> add(r.key(), r.value()));
            return done.getAsBoolean();
        });
    }
}
