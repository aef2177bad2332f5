package io.montage.schemas.serde;

import io.montage.schemas.registry.RegisteredSchema;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in Confluent's wire format, registering their schema under the
 * configured subject (or finding it, or using the subject's latest version) once per schema.
 *
 * @param <T> the record class
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config = AvroSerdeConfig.DEFAULTS;
    private boolean isKey;
    /** The id and schema to write for each (subject, record schema); fixed once resolved. */
    private final Map<SubjectSchema, Target> targets = new ConcurrentHashMap<>();

    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    /** The registered schema a record is written as. */
    private record Target(int id, Schema schema) {}

    /** A serializer that creates its registry client from {@code schema.registry.url}. */
    public ConfluentAvroSerializer() {}

    public ConfluentAvroSerializer(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
        this.registry = registry;
        this.config = config;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> properties, boolean isKey) {
        if (registry == null) {
            registry = RestSchemaRegistryClient.fromProperties(properties);
        }
        this.config = AvroSerdeConfig.fromProperties(properties);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured; call"
                    + " configure() with schema.registry.url or pass a SchemaRegistryClient");
        }
        Schema schema = record.getSchema();
        String subject = config.strategy(isKey).subject(topic, isKey, schema);
        try {
            Target target = targets.computeIfAbsent(new SubjectSchema(subject, schema), this::resolve);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ConfluentWireFormat.header(target.id()));
            byte[] body = encode(record, schema);
            out.write(target.schema().equals(schema) ? body : rewrite(body, schema, target.schema()));
            return out.toByteArray();
        } catch (SchemaRegistryException | IOException e) {
            throw new SerializationException(
                    "Cannot serialize a " + schema.getFullName() + " for topic '" + topic + "' (subject '" + subject
                            + "'): " + e.getMessage(),
                    e);
        }
    }

    private Target resolve(SubjectSchema key) {
        if (config.autoRegisterSchemas()) {
            return new Target(registry.register(key.subject(), key.schema()), key.schema());
        }
        if (config.useLatestVersion()) {
            RegisteredSchema latest = registry.latestVersion(key.subject());
            requireReadable(key, latest);
            return new Target(latest.id(), latest.schema());
        }
        try {
            return new Target(registry.lookup(key.subject(), key.schema()).id(), key.schema());
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            throw new SerializationException(
                    "Schema " + key.schema().getFullName() + " is not"
                            + " registered under subject '" + key.subject() + "' and auto.register.schemas=false;"
                            + " register it first or set auto.register.schemas=true",
                    e);
        }
    }

    /** The latest schema must be able to read the record's schema, or rewriting would lose data. */
    private static void requireReadable(SubjectSchema key, RegisteredSchema latest) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), key.schema());
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("use.latest.version: version " + latest.version()
                    + " of subject '" + key.subject() + "' cannot represent a "
                    + key.schema().getFullName()
                    + " written with the application's schema (" + result.getDescription() + "); update"
                    + " the application's schema or register it");
        }
    }

    private byte[] encode(Object datum, Schema schema) throws IOException {
        DatumWriter<Object> writer = writers.computeIfAbsent(schema, SpecificDatumWriter::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Re-encodes {@code body} from the record's schema to the registry's, by Avro resolution. */
    private byte[] rewrite(byte[] body, Schema from, Schema to) throws IOException {
        Object resolved = new GenericDatumReader<Object>(from, to)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<Object>(to).write(resolved, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Override
    public void close() {
        // The registry client is shared with the deserializer and owned by whoever created it.
    }
}
