package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.ProbeResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Every client must read every number exactly. JavaScript (and any client that reads numbers as
 * doubles) holds integers exactly only up to 2^53, and avsc refuses a larger long ("potential
 * precision loss"). So a {@code long} in Montage's contract may only hold a quantity whose real
 * values stay far below 2^53: a duration or time in microseconds (2^53 µs is 285 years), a size
 * in bytes, a Kafka offset, an index, or a timestamp in milliseconds. Hashes and identifiers are
 * {@code fixed} or strings. The rule is read off the field names, so a new long that breaks it
 * fails here until it is renamed for its unit or given a portable type.
 */
class PortableNumbersTest {

    private static final List<String> BOUNDED_UNITS = List.of("Micros", "Bytes", "size", "offset", "Index");

    @Test
    void everyLongInTheContractIsABoundedQuantityOrATimestamp() throws Exception {
        List<Schema> schemas = contractSchemas();
        assertThat(schemas).hasSizeGreaterThan(10);

        List<String> unbounded = new ArrayList<>();
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        for (Schema schema : schemas) {
            collectUnboundedLongs(schema, unbounded, seen);
        }

        assertThat(unbounded).as("long fields whose values may exceed 2^53").isEmpty();
    }

    @Test
    void theRuleCatchesTheLongThatBrokeJavaScriptClients() {
        Schema old = new Schema.Parser().parse("""
        {"type": "record", "name": "ProbeResult", "fields": [
          {"name": "perceptualHash", "type": ["null", "long"], "default": null}]}""");
        List<String> unbounded = new ArrayList<>();

        collectUnboundedLongs(old, unbounded, new IdentityHashMap<>());

        assertThat(unbounded).containsExactly("ProbeResult.perceptualHash");
    }

    private static void collectUnboundedLongs(Schema schema, List<String> unbounded, Map<Schema, Boolean> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.put(schema, true) != null) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isUnboundedLong(field.schema(), field.name())) {
                        unbounded.add(schema.getName() + "." + field.name());
                    }
                    collectUnboundedLongs(field.schema(), unbounded, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUnboundedLongs(t, unbounded, seen));
            case ARRAY -> collectUnboundedLongs(schema.getElementType(), unbounded, seen);
            case MAP -> collectUnboundedLongs(schema.getValueType(), unbounded, seen);
            default -> {}
        }
    }

    private static boolean isUnboundedLong(Schema schema, String name) {
        List<Schema> branches = schema.getType() == Schema.Type.UNION ? schema.getTypes() : List.of(schema);
        for (Schema branch : branches) {
            if (branch.getType() == Schema.Type.LONG
                    && !(branch.getLogicalType() instanceof LogicalTypes.TimestampMillis)
                    && BOUNDED_UNITS.stream().noneMatch(name::endsWith)) {
                return true;
            }
        }
        return false;
    }

    /** The schema of every generated record class: the whole contract, inputs and outputs. */
    private static List<Schema> contractSchemas() throws IOException, URISyntaxException {
        Path classes = Path.of(ProbeResult.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path avroPackage = classes.resolve(ProbeResult.class.getPackageName().replace('.', '/'));
        List<Schema> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.list(avroPackage)) {
            for (Path file : files.filter(f ->
                            f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .toList()) {
                String name = ProbeResult.class.getPackageName() + "."
                        + file.getFileName().toString().replace(".class", "");
                try {
                    Class<?> type = Class.forName(name);
                    if (SpecificRecordBase.class.isAssignableFrom(type)) {
                        schemas.add((Schema) type.getField("SCHEMA$").get(null));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read the schema of " + name, e);
                }
            }
        }
        return schemas;
    }
}
