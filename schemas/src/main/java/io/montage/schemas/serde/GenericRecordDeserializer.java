package io.montage.schemas.serde;

import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any Confluent-framed Avro record as a {@link GenericRecord} with its own writer schema,
 * without generated classes: for tools that show whatever a topic holds ({@code toString()} of
 * the result is JSON).
 */
public final class GenericRecordDeserializer implements Deserializer<GenericRecord> {

    private WireFormatDecoder<GenericRecord> decoder;

    /** A deserializer that creates its registry client from {@code schema.registry.url}. */
    public GenericRecordDeserializer() {}

    public GenericRecordDeserializer(SchemaRegistryClient registry) {
        this.decoder = decoderFor(registry);
    }

    @Override
    public void configure(Map<String, ?> properties, boolean isKey) {
        if (decoder == null) {
            decoder = decoderFor(RestSchemaRegistryClient.fromProperties(properties));
        }
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (decoder == null) {
            throw new IllegalStateException("GenericRecordDeserializer is not configured; call"
                    + " configure() with schema.registry.url or pass a SchemaRegistryClient");
        }
        return decoder.decode(topic, bytes);
    }

    private static WireFormatDecoder<GenericRecord> decoderFor(SchemaRegistryClient registry) {
        return new WireFormatDecoder<>(
                registry,
                writerSchema -> {
                    if (writerSchema.getType() != Schema.Type.RECORD) {
                        throw new SerializationException("The writer schema is a " + writerSchema.getType()
                                + ", not a record; GenericRecordDeserializer reads records only");
                    }
                    return new GenericDatumReader<>(writerSchema);
                },
                "a GenericRecord");
    }
}
