package io.montage.schemas.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} that holds its registry in the client itself, with neither HTTP
 * nor Kafka: for tests of Kafka Streams topologies with {@code TopologyTestDriver}, and for
 * development, the role Confluent's {@code MockSchemaRegistryClient} plays. It runs the same
 * {@link RegistryService} as {@link EmbeddedSchemaRegistry}, so ids, versions, compatibility
 * decisions and errors (HTTP status, Confluent {@code error_code}, message) are the ones a
 * {@link RestSchemaRegistryClient} gets from the embedded registry for the same calls.
 *
 * <p>A test and development tool only: the schemas live in this object's memory and nothing is
 * persisted. Each instance is a separate, empty registry (ids from 1, global compatibility
 * {@link CompatibilityLevel#DEFAULT}); give the same instance to every serde that must see the
 * same schemas. Closing it does nothing.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryService service;
    /** Parsed once per id: ids never change, and deserializers ask for them per record. */
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client of a new, empty registry of its own. */
    public InMemorySchemaRegistryClient() {
        this(newRegistry());
    }

    /** A client of {@code service}; several clients may share one registry. */
    InMemorySchemaRegistryClient(RegistryService service) {
        this.service = service;
    }

    /** A registry whose changes are applied to its state as they are made and kept nowhere else. */
    static RegistryService newRegistry() {
        SchemaRegistryState state = new SchemaRegistryState();
        return new RegistryService(state, new InMemorySchemaLog(state));
    }

    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        return call("POST", "/subjects/" + subject + "/versions", () -> service.register(subject, text));
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        String text = schema.toString();
        return registered(call("POST", "/subjects/" + subject, () -> service.lookup(subject, text)));
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(
                id, key -> RegistryService.parse(call("GET", "/schemas/ids/" + id, () -> service.schemaById(id))));
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(call(
                "GET",
                "/subjects/" + subject + "/versions/" + version,
                () -> service.version(subject, String.valueOf(version))));
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return registered(
                call("GET", "/subjects/" + subject + "/versions/latest", () -> service.version(subject, "latest")));
    }

    @Override
    public List<String> subjects() {
        return call("GET", "/subjects", service::subjects);
    }

    @Override
    public List<Integer> versions(String subject) {
        return call("GET", "/subjects/" + subject + "/versions", () -> service.versions(subject));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        String text = schema.toString();
        return call(
                        "POST",
                        "/compatibility/subjects/" + subject + "/versions/latest",
                        () -> service.incompatibility(subject, "latest", text))
                .isEmpty();
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return call("DELETE", "/subjects/" + subject, () -> service.deleteSubject(subject));
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return call("GET", "/config", service::globalLevel);
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        String name = level.name();
        call("PUT", "/config", () -> service.setLevel(Optional.empty(), name));
    }

    @Override
    public CompatibilityLevel subjectCompatibility(String subject) {
        return call("GET", "/config/" + subject + "?defaultToGlobal=true", () -> service.subjectLevel(subject, true));
    }

    @Override
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        String name = level.name();
        call("PUT", "/config/" + subject, () -> service.setLevel(Optional.of(subject), name));
    }

    private RegisteredSchema registered(StoredSchema stored) {
        Schema schema = schemasById.computeIfAbsent(stored.id(), id -> RegistryService.parse(stored.schema()));
        return new RegisteredSchema(stored.subject(), stored.version(), stored.id(), schema);
    }

    /**
     * Runs one registry operation and reports its failure as {@link RestSchemaRegistryClient}
     * reports the equivalent REST request's: the server's status, code and message, followed by
     * the request, so a test's expectations hold against either client.
     */
    private static <T> T call(String method, String path, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SchemaRegistryException e) {
            throw withRequest(e, method, path);
        } catch (RuntimeException e) {
            // What the embedded server answers when its service fails unexpectedly.
            throw withRequest(RegistryErrors.storeError(e.toString(), e), method, path);
        }
    }

    private static SchemaRegistryException withRequest(SchemaRegistryException e, String method, String path) {
        return new SchemaRegistryException(
                e.httpStatus(),
                e.errorCode(),
                e.getMessage() + " (" + method + " " + path + " on the in-memory registry)",
                e.getCause());
    }
}
