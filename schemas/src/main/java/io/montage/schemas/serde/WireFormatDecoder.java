package io.montage.schemas.serde;

import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes Confluent-framed Avro: looks up the writer schema by the record's id and reads the body
 * with a {@link DatumReader} made for that writer schema. Readers are cached per schema id, since
 * building one resolves the writer against the reader schema, and ids never change meaning.
 *
 * @param <D> what the readers produce
 */
final class WireFormatDecoder<D> {

    private final SchemaRegistryClient registry;
    private final Function<Schema, DatumReader<D>> readerForWriterSchema;
    private final String readsAs;
    private final Map<Integer, Reader<D>> readers = new ConcurrentHashMap<>();

    /** The writer schema of one id, and the reader made for it. */
    private record Reader<D>(Schema writerSchema, DatumReader<D> datumReader) {}

    /**
     * @param readsAs what the readers produce, for error messages ("class com.example.Event")
     */
    WireFormatDecoder(
            SchemaRegistryClient registry, Function<Schema, DatumReader<D>> readerForWriterSchema, String readsAs) {
        this.registry = registry;
        this.readerForWriterSchema = readerForWriterSchema;
        this.readsAs = readsAs;
    }

    D decode(String topic, byte[] bytes) {
        ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(topic, bytes);
        Reader<D> reader = readers.computeIfAbsent(frame.schemaId(), id -> {
            Schema writerSchema = writerSchema(topic, id);
            return new Reader<>(writerSchema, readerForWriterSchema.apply(writerSchema));
        });
        try {
            // The reader would allocate whatever lengths the body claims; the scan checks them first.
            AvroBodyScan.scan(reader.writerSchema(), body(frame));
            return reader.datumReader().read(null, body(frame));
        } catch (IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                // Avro's own limits: a length or count past 2^31 - 9 (SystemLimitException's checks).
                | UnsupportedOperationException e) {
            throw new SerializationException(
                    "Cannot read a record of schema id " + frame.schemaId()
                            + " on topic '" + topic + "' as " + readsAs + ": the Avro body is truncated, corrupt or"
                            + " not resolvable to the reader schema (" + e + ")",
                    e);
        }
    }

    private static BinaryDecoder body(ConfluentWireFormat.Frame frame) {
        return DecoderFactory.get().binaryDecoder(frame.bytes(), frame.bodyOffset(), frame.bodyLength(), null);
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == 40403 || e.isNotFound()) {
                throw new SerializationException(
                        "Unknown schema id " + id + " in a record on topic '"
                                + topic + "': the schema registry has no such schema. Is the deserializer pointed at"
                                + " the same registry as the producer (schema.registry.url)?",
                        e);
            }
            throw new SerializationException(
                    "Cannot fetch schema id " + id + " for a record on topic '" + topic + "': " + e.getMessage(), e);
        }
    }
}
