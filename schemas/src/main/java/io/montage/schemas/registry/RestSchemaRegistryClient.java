package io.montage.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} speaking the documented Confluent Schema Registry REST API over
 * {@link java.net.http.HttpClient}. Schema ids and (subject, schema) registrations never change
 * once made, so they are cached for the client's lifetime: the hot path of a serde calls the
 * registry once per schema.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryHttpTransport transport;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.transport = new RegistryHttpTransport(config, json);
    }

    /** A client for one or more comma-separated registry URLs, without authentication. */
    public static RestSchemaRegistryClient forUrls(String commaSeparatedUrls) {
        return new RestSchemaRegistryClient(RegistryClientConfig.forUrls(commaSeparatedUrls));
    }

    /** A client configured from Confluent serializer properties ({@code schema.registry.url}…). */
    public static RestSchemaRegistryClient fromProperties(Map<String, ?> properties) {
        return new RestSchemaRegistryClient(RegistryClientConfig.fromProperties(properties));
    }

    @Override
    public int register(String subject, Schema schema) {
        return registeredIds.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode answer = transport.send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
            int id = answer.path("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookups.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            RegisteredSchema found = registeredSchema(
                    transport.send("POST", "/subjects/" + encode(subject), schemaBody(schema)), subject);
            schemasById.putIfAbsent(found.id(), found.schema());
            return found;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            JsonNode answer = transport.get("/schemas/ids/" + id);
            return parse(answer, "schema id " + id);
        });
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registeredSchema(transport.get("/subjects/" + encode(subject) + "/versions/" + version), subject);
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return registeredSchema(transport.get("/subjects/" + encode(subject) + "/versions/latest"), subject);
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        transport.get("/subjects").forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        return intList(transport.get("/subjects/" + encode(subject) + "/versions"));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = transport.send(
                "POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        return answer.path("is_compatible").asBoolean(false);
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = intList(transport.send("DELETE", "/subjects/" + encode(subject), null));
        lookups.keySet().removeIf(key -> key.subject().equals(subject));
        registeredIds.keySet().removeIf(key -> key.subject().equals(subject));
        return deleted;
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return level(transport.get("/config"));
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        transport.send("PUT", "/config", compatibilityBody(level));
    }

    @Override
    public CompatibilityLevel subjectCompatibility(String subject) {
        try {
            return level(transport.get("/config/" + encode(subject) + "?defaultToGlobal=true"));
        } catch (SchemaRegistryException e) {
            // Registries older than defaultToGlobal answer 404 for a subject without its own level.
            if (e.isNotFound()) {
                return globalCompatibility();
            }
            throw e;
        }
    }

    @Override
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        transport.send("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    private ObjectNode schemaBody(Schema schema) {
        // schemaType is omitted: AVRO is the API's default, and older registries reject the field.
        return json.createObjectNode().put("schema", schema.toString());
    }

    private ObjectNode compatibilityBody(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibility", level.name());
    }

    private RegisteredSchema registeredSchema(JsonNode answer, String subject) {
        return new RegisteredSchema(
                answer.path("subject").asText(subject),
                answer.path("version").asInt(),
                answer.path("id").asInt(),
                parse(answer, "subject " + subject));
    }

    /** Reports an unusable 200 answer with the error code the registry would use for it. */
    private static Schema parse(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(
                    200,
                    42201,
                    "The registry's schema for " + what + " is " + type + "; Montage reads only AVRO schemas");
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    200,
                    42201,
                    "The registry returned an unparseable Avro" + " schema for " + what + ": " + e.getMessage(),
                    e);
        }
    }

    private static CompatibilityLevel level(JsonNode answer) {
        // GET answers "compatibilityLevel"; some registries answer "compatibility" as PUT does.
        String text = answer.path("compatibilityLevel")
                .asText(answer.path("compatibility").asText());
        return CompatibilityLevel.parse(text)
                .orElseThrow(() -> new SchemaRegistryException(
                        200, 42203, "The registry reported an unknown compatibility level '" + text + "'"));
    }

    private static List<Integer> intList(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
