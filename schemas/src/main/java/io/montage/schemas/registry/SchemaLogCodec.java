package io.montage.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JSON keys and values of the registry topic. Keys follow Confluent's layout
 * ({@code {"keytype":"SCHEMA","subject":…,"version":…,"magic":1}}): one key per subject version
 * and per config, so compaction keeps exactly the latest state of each and nothing else. Keys are
 * written field by field in a fixed order because compaction compares key bytes.
 */
final class SchemaLogCodec {

    private final ObjectMapper json = new ObjectMapper();

    byte[] key(SchemaLogEntry entry) {
        ObjectNode key = json.createObjectNode();
        if (entry instanceof SchemaLogEntry.SchemaVersion version) {
            key.put("keytype", "SCHEMA")
                    .put("subject", version.schema().subject())
                    .put("version", version.schema().version())
                    .put("magic", 1);
        } else if (entry instanceof SchemaLogEntry.Config config) {
            key.put("keytype", "CONFIG")
                    .put("subject", config.subject().orElse(null))
                    .put("magic", 0);
        }
        return bytes(key);
    }

    byte[] value(SchemaLogEntry entry) {
        ObjectNode value = json.createObjectNode();
        if (entry instanceof SchemaLogEntry.SchemaVersion version) {
            StoredSchema schema = version.schema();
            value.put("subject", schema.subject())
                    .put("version", schema.version())
                    .put("id", schema.id())
                    .put("schema", schema.schema())
                    .put("deleted", schema.deleted())
                    .put("writer", schema.writer());
        } else if (entry instanceof SchemaLogEntry.Config config) {
            value.put("compatibilityLevel", config.level().name()).put("writer", config.writer());
        }
        return bytes(value);
    }

    /** The entry a record holds, or empty for record kinds this registry does not use. */
    Optional<SchemaLogEntry> decode(byte[] key, byte[] value) throws IOException {
        if (key == null || value == null) {
            return Optional.empty();
        }
        JsonNode keyNode = json.readTree(key);
        JsonNode valueNode = json.readTree(value);
        switch (keyNode.path("keytype").asText()) {
            case "SCHEMA":
                return Optional.of(new SchemaLogEntry.SchemaVersion(new StoredSchema(
                        valueNode.path("subject").asText(),
                                valueNode.path("version").asInt(),
                        valueNode.path("id").asInt(), valueNode.path("schema").asText(),
                        valueNode.path("deleted").asBoolean(false),
                                valueNode.path("writer").asText(""))));
            case "CONFIG":
                Optional<String> subject = keyNode.path("subject").isTextual()
                        ? Optional.of(keyNode.get("subject").asText())
                        : Optional.empty();
                return CompatibilityLevel.parse(
                                valueNode.path("compatibilityLevel").asText())
                        .map(level -> new SchemaLogEntry.Config(
                                subject, level, valueNode.path("writer").asText("")));
            default:
                return Optional.empty();
        }
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
