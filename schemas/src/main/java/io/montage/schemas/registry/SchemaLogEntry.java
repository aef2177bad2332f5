package io.montage.schemas.registry;

import java.util.Optional;

/** A change to the registry as recorded in its compacted topic. */
sealed interface SchemaLogEntry {

    /** A subject version was registered or soft-deleted. */
    record SchemaVersion(StoredSchema schema) implements SchemaLogEntry {}

    /** The compatibility level of a subject, or globally when {@code subject} is empty. */
    record Config(Optional<String> subject, CompatibilityLevel level, String writer) implements SchemaLogEntry {}
}
