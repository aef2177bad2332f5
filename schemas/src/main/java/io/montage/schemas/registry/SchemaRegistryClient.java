package io.montage.schemas.registry;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The calls Montage makes to a Confluent-compatible schema registry (Confluent Schema Registry,
 * Karapace, Redpanda, Apicurio's ccompat API, or {@link EmbeddedSchemaRegistry}), or to the
 * registry inside {@link InMemorySchemaRegistryClient} in tests. Every method throws
 * {@link SchemaRegistryException} with the registry's status and error code on failure.
 *
 * <p>Implementations cache what never changes (an id's schema, a subject's id for a schema), so
 * serializing and deserializing records never calls the registry twice for the same schema.
 */
public interface SchemaRegistryClient extends Closeable {

    /** Registers {@code schema} under {@code subject} (idempotently) and returns its global id. */
    int register(String subject, Schema schema);

    /** Finds an already registered schema under {@code subject}; 40401/40403 when absent. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with global id {@code id}; 40403 when unknown. */
    Schema schemaById(int id);

    /** Version {@code version} of {@code subject}; 40401/40402 when absent. */
    RegisteredSchema version(String subject, int version);

    /** The newest version of {@code subject}; 40401 when the subject has none. */
    RegisteredSchema latestVersion(String subject);

    List<String> subjects();

    /** The versions of {@code subject}, oldest first; 40401 when the subject is unknown. */
    List<Integer> versions(String subject);

    /** Whether {@code schema} may be registered under {@code subject} at its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** Soft-deletes every version of {@code subject}; returns the versions deleted. */
    List<Integer> deleteSubject(String subject);

    CompatibilityLevel globalCompatibility();

    void setGlobalCompatibility(CompatibilityLevel level);

    /** The subject's own level, or the global level when the subject configures none. */
    CompatibilityLevel subjectCompatibility(String subject);

    void setSubjectCompatibility(String subject, CompatibilityLevel level);

    /** Releases the client's resources; the default has none. */
    @Override
    default void close() {}
}
