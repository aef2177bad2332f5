package io.montage.schemas.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the registry does, independent of HTTP and of storage: registration with Confluent's id
 * and version rules, lookups, compatibility checks and configuration. Reads come from memory;
 * writes go through the {@link SchemaLog} and are checked once read back, because another
 * instance sharing the log may have written the same version or id at the same moment. The
 * embedded server and {@link InMemorySchemaRegistryClient} both run this class, so they cannot
 * disagree on a rule.
 */
final class RegistryService {

    private static final Logger log = LoggerFactory.getLogger(RegistryService.class);
    /** Retries after losing a race with another instance; each race costs one round trip. */
    private static final int MAX_WRITE_ATTEMPTS = 5;

    private final SchemaRegistryState state;
    private final SchemaLog schemaLog;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong writes = new AtomicLong();

    RegistryService(SchemaRegistryState state, SchemaLog schemaLog) {
        this.state = state;
        this.schemaLog = schemaLog;
    }

    /** Registers a schema (idempotently) and returns its global id. */
    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            schemaLog.catchUp();
            Optional<StoredSchema> existing = liveVersionOf(subject, canonical);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            requireCompatible(subject, schema, liveSchemas(subject));
            StoredSchema entry = new StoredSchema(
                    subject,
                    nextVersion(subject, canonical),
                    state.idOf(canonical).orElse(state.highestId() + 1),
                    canonical,
                    false,
                    nextWriter());
            schemaLog.write(new SchemaLogEntry.SchemaVersion(entry));
            if (state.entry(subject, entry.version()).equals(Optional.of(entry))
                    && state.schemaById(entry.id()).equals(Optional.of(canonical))) {
                return entry.id();
            }
            log.info(
                    "Another registry instance registered version {} or id {} of subject '{}' at the"
                            + " same time; retrying",
                    entry.version(),
                    entry.id(),
                    subject);
        }
        throw RegistryErrors.storeError(
                "registering under subject '" + subject + "' kept conflicting"
                        + " with other registry instances writing the same topic",
                null);
    }

    /** The live version of {@code subject} that holds {@code schemaText}. */
    StoredSchema lookup(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        if (state.liveVersions(subject).isEmpty()) {
            throw RegistryErrors.subjectNotFound(subject);
        }
        return liveVersionOf(subject, canonical)
                .orElseThrow(() -> RegistryErrors.schemaNotFound(
                        "Schema not found under subject '" + subject + "'; register it first."));
    }

    /** Version {@code versionText} ("latest", "-1" or a number) of {@code subject}. */
    StoredSchema version(String subject, String versionText) {
        int requested = parseVersion(versionText);
        List<StoredSchema> live = liveVersionsOrThrow(subject);
        if (requested == -1) {
            return live.get(live.size() - 1);
        }
        return live.stream()
                .filter(s -> s.version() == requested)
                .findFirst()
                .orElseThrow(() -> RegistryErrors.versionNotFound(subject, requested));
    }

    List<Integer> versions(String subject) {
        return liveVersionsOrThrow(subject).stream().map(StoredSchema::version).toList();
    }

    List<String> subjects() {
        return state.subjects();
    }

    String schemaById(int id) {
        return state.schemaById(id).orElseThrow(() -> RegistryErrors.schemaNotFound("Schema " + id + " not found."));
    }

    List<String> subjectsForId(int id) {
        schemaById(id);
        return state.subjects().stream()
                .filter(subject -> state.liveVersions(subject).stream().anyMatch(s -> s.id() == id))
                .toList();
    }

    /** Soft-deletes every live version of {@code subject}; returns their numbers. */
    synchronized List<Integer> deleteSubject(String subject) {
        schemaLog.catchUp();
        List<StoredSchema> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw state.hasHistory(subject)
                    ? RegistryErrors.subjectSoftDeleted(subject)
                    : RegistryErrors.subjectNotFound(subject);
        }
        for (StoredSchema version : live) {
            schemaLog.write(new SchemaLogEntry.SchemaVersion(version.asDeleted(nextWriter())));
        }
        return live.stream().map(StoredSchema::version).toList();
    }

    /**
     * Whether {@code schemaText} is compatible with version {@code versionText} of the subject, or
     * with its history at the subject's level when the version is "latest". A subject without
     * versions accepts any schema under "latest", as Confluent does.
     */
    Optional<String> incompatibility(String subject, String versionText, String schemaText) {
        Schema schema = parse(schemaText);
        int requested = parseVersion(versionText);
        if (requested == -1) {
            return level(subject).incompatibility(schema, liveSchemas(subject));
        }
        Schema previous = parse(version(subject, versionText).schema());
        return level(subject).incompatibility(schema, List.of(previous));
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /** The subject's own level; 40408 when it has none and the global one was not asked for. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isEmpty() && !defaultToGlobal) {
            throw RegistryErrors.subjectConfigNotFound(subject);
        }
        return own.orElse(state.globalLevel());
    }

    /** Sets the level of {@code subject}, or the global level when it is empty. */
    synchronized CompatibilityLevel setLevel(Optional<String> subject, String levelText) {
        CompatibilityLevel level = CompatibilityLevel.parse(levelText)
                .orElseThrow(() -> RegistryErrors.invalidCompatibilityLevel(levelText));
        schemaLog.write(new SchemaLogEntry.Config(subject, level, nextWriter()));
        return level;
    }

    private CompatibilityLevel level(String subject) {
        return state.subjectLevel(subject).orElse(state.globalLevel());
    }

    private void requireCompatible(String subject, Schema schema, List<Schema> previous) {
        CompatibilityLevel level = level(subject);
        level.incompatibility(schema, previous).ifPresent(reason -> {
            throw RegistryErrors.incompatible(subject, level, reason);
        });
    }

    private Optional<StoredSchema> liveVersionOf(String subject, String canonical) {
        return state.liveVersions(subject).stream()
                .filter(s -> s.schema().equals(canonical))
                .findFirst();
    }

    private List<StoredSchema> liveVersionsOrThrow(String subject) {
        List<StoredSchema> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryErrors.subjectNotFound(subject);
        }
        return live;
    }

    private List<Schema> liveSchemas(String subject) {
        return state.liveVersions(subject).stream().map(s -> parse(s.schema())).toList();
    }

    /** Re-uses the slot of an earlier attempt that lost its id to another instance. */
    private int nextVersion(String subject, String canonical) {
        return state.lostIdRace(subject, canonical)
                .map(StoredSchema::version)
                .orElse(state.highestVersion(subject) + 1);
    }

    private String nextWriter() {
        return instance + "/" + writes.incrementAndGet();
    }

    static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryErrors.invalidSchema(
                    "the request has no \"schema\"; send {\"schema\":" + " \"<Avro schema as a JSON string>\"}");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException e) {
            throw RegistryErrors.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            throw RegistryErrors.invalidSchema(e.toString());
        }
    }

    private static int parseVersion(String text) {
        if (text.equals("latest")) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text);
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed values.
        }
        throw RegistryErrors.invalidVersion(text);
    }
}
