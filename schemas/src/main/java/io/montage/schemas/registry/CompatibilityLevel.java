package io.montage.schemas.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The Confluent compatibility levels. Whether two schemas are compatible is decided by Avro's own
 * {@link SchemaCompatibility} (reader/writer resolution rules), never by rules written here.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** Confluent's default when neither the subject nor the registry configures a level. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Parses a level case-insensitively, as Confluent accepts both "backward" and "BACKWARD". */
    public static Optional<CompatibilityLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@code candidate} may not be registered after {@code existing} (oldest first), or empty
     * when it may. Non-transitive levels compare with the newest existing schema only.
     */
    public Optional<String> incompatibility(Schema candidate, List<Schema> existing) {
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        List<Schema> compared = transitive ? existing : List.of(existing.get(existing.size() - 1));
        for (Schema previous : compared) {
            if (newReadsOld) {
                Optional<String> problem = problem(
                        candidate, previous, "the new schema cannot read data" + " written with an earlier one");
                if (problem.isPresent()) {
                    return problem;
                }
            }
            if (oldReadsNew) {
                Optional<String> problem = problem(
                        previous, candidate, "an earlier schema cannot read" + " data written with the new one");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(Schema reader, Schema writer, String summary) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(summary + " ("
                + result.getResult().getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(result.getDescription())
                + ")");
    }
}
