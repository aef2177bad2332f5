package io.montage.schemas.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's in-memory view, built only by applying the topic's entries in order, so every
 * instance reading the same topic holds the same state. Queries never see deleted versions, nor
 * versions whose id was claimed first by a different schema (the loser of a race between two
 * instances, which its writer re-registers).
 */
final class SchemaRegistryState {

    private final Map<String, TreeMap<Integer, StoredSchema>> subjects = new HashMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;

    synchronized void apply(SchemaLogEntry entry) {
        if (entry instanceof SchemaLogEntry.SchemaVersion version) {
            StoredSchema schema = version.schema();
            subjects.computeIfAbsent(schema.subject(), s -> new TreeMap<>()).put(schema.version(), schema);
            // The first schema to claim an id keeps it: ids are global and never reassigned.
            schemaById.putIfAbsent(schema.id(), schema.schema());
            idBySchema.putIfAbsent(schema.schema(), schema.id());
        } else if (entry instanceof SchemaLogEntry.Config config) {
            config.subject()
                    .ifPresentOrElse(s -> subjectLevels.put(s, config.level()), () -> globalLevel = config.level());
        }
    }

    /** Live versions of a subject, oldest first; empty when unknown or all deleted. */
    synchronized List<StoredSchema> liveVersions(String subject) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(s -> !s.deleted() && owns(s))
                .toList();
    }

    /** Whether the subject ever had a version, deleted ones included. */
    synchronized boolean hasHistory(String subject) {
        return subjects.containsKey(subject);
    }

    synchronized int highestVersion(String subject) {
        TreeMap<Integer, StoredSchema> versions = subjects.get(subject);
        return versions == null ? 0 : versions.lastKey();
    }

    /** A version of {@code subject} holding {@code schema} whose id another schema took first. */
    synchronized Optional<StoredSchema> lostIdRace(String subject, String schema) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(s -> s.schema().equals(schema) && !owns(s))
                .findFirst();
    }

    synchronized Optional<StoredSchema> entry(String subject, int version) {
        return Optional.ofNullable(
                subjects.getOrDefault(subject, new TreeMap<>()).get(version));
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    synchronized Optional<Integer> idOf(String schema) {
        return Optional.ofNullable(idBySchema.get(schema));
    }

    synchronized int highestId() {
        return schemaById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Subjects with at least one live version, sorted. */
    synchronized List<String> subjects() {
        return subjects.keySet().stream()
                .filter(s -> !liveVersions(s).isEmpty())
                .sorted()
                .toList();
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    private boolean owns(StoredSchema schema) {
        return schema.schema().equals(schemaById.get(schema.id()));
    }
}
