package io.montage.schemas.serde;

import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a specific record class, resolving each record's writer schema
 * (fetched by id) to the class's schema, so records written with older or newer compatible
 * schemas still read.
 *
 * @param <T> the record class
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private SchemaRegistryClient registry;
    private WireFormatDecoder<T> decoder;

    /** A deserializer that creates its registry client from {@code schema.registry.url}. */
    public ConfluentAvroDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this(type);
        this.registry = registry;
        this.decoder = decoderFor(registry);
    }

    @Override
    public void configure(Map<String, ?> properties, boolean isKey) {
        if (registry == null) {
            registry = RestSchemaRegistryClient.fromProperties(properties);
            decoder = decoderFor(registry);
        }
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (decoder == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured; call"
                    + " configure() with schema.registry.url or pass a SchemaRegistryClient");
        }
        return decoder.decode(topic, bytes);
    }

    private WireFormatDecoder<T> decoderFor(SchemaRegistryClient client) {
        SpecificData data = SpecificData.getForClass(type);
        Schema readerSchema = data.getSchema(type);
        return new WireFormatDecoder<>(
                client,
                writerSchema -> new SpecificDatumReader<>(writerSchema, readerSchema, data),
                "class " + type.getName());
    }
}
