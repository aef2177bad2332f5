package io.montage.schemas.serde;

import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
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
  private final Map<Integer, DatumReader<D>> readers = new ConcurrentHashMap<>();

  /**
   * @param readsAs what the readers produce, for error messages ("class com.example.Event")
   */
  WireFormatDecoder(SchemaRegistryClient registry,
      Function<Schema, DatumReader<D>> readerForWriterSchema, String readsAs) {
    this.registry = registry;
    this.readerForWriterSchema = readerForWriterSchema;
    this.readsAs = readsAs;
  }

  D decode(String topic, byte[] bytes) {
    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(topic, bytes);
    DatumReader<D> reader = readers.computeIfAbsent(frame.schemaId(),
        id -> readerForWriterSchema.apply(writerSchema(topic, id)));
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(frame.bytes(),
          frame.bodyOffset(), frame.bodyLength(), null));
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException("Cannot read a record of schema id " + frame.schemaId()
          + " on topic '" + topic + "' as " + readsAs + ": the Avro body is truncated, corrupt or"
          + " not resolvable to the reader schema (" + e + ")", e);
    }
  }

  private Schema writerSchema(String topic, int id) {
    try {
      return registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == 40403 || e.isNotFound()) {
        throw new SerializationException("Unknown schema id " + id + " in a record on topic '"
            + topic + "': the schema registry has no such schema. Is the deserializer pointed at"
            + " the same registry as the producer (schema.registry.url)?", e);
      }
      throw new SerializationException("Cannot fetch schema id " + id + " for a record on topic '"
          + topic + "': " + e.getMessage(), e);
    }
  }
}
