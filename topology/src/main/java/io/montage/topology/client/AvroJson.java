package io.montage.topology.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Renders any Avro record as one line of JSON for people reading a topic. Unlike Avro's JSON
 * encoding it drops union branch wrappers, summarises byte fields ({"bytes": N}) instead of printing
 * megabytes of inline media, renders fixed fields (hashes) as hex, and shortens long number arrays
 * (embedding vectors) to their first values and length; it is for reading, not for round-tripping.
 */
public final class AvroJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int SHOWN_VALUES = 4;

    private AvroJson() {}

    public static String render(Object value) {
        return toJson(value).toString();
    }

    static JsonNode toJson(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode node = JSON.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), toJson(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof ByteBuffer bytes) {
            return JSON.objectNode().put("bytes", bytes.remaining());
        }
        if (value instanceof GenericFixed fixed) {
            // Montage's fixed types are hashes: their hex form is what a person compares.
            return JSON.textNode(HexFormat.of().formatHex(fixed.bytes()));
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = JSON.arrayNode();
            boolean longVector =
                    items.size() > SHOWN_VALUES * 2 && items.iterator().next() instanceof Number;
            items.stream().limit(longVector ? SHOWN_VALUES : Long.MAX_VALUE).forEach(item -> array.add(toJson(item)));
            if (longVector) {
                array.add("… " + items.size() + " values");
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JSON.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
            return node;
        }
        if (value instanceof Number number) {
            return number instanceof Long l
                    ? JSON.numberNode(l)
                    : number instanceof Integer i
                            ? JSON.numberNode(i)
                            : number instanceof Float f ? JSON.numberNode(f) : JSON.numberNode(number.doubleValue());
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof GenericEnumSymbol<?>
                || value instanceof CharSequence
                || value instanceof GenericContainer) {
            return JSON.textNode(value.toString());
        }
        return JSON.textNode(value.toString());
    }
}
