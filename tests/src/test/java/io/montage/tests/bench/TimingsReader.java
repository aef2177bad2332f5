package io.montage.tests.bench;

import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.ConfluentWireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads only the event id and the timings of an output record (an Avro projection: the decoder skips
 * the rest, embedding vectors included), so the benchmark's own reading of the outputs takes as
 * little as possible of the CPU it shares with the pipeline it measures.
 */
final class TimingsReader implements Deserializer<GenericRecord> {

    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

    TimingsReader(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] bytes) {
        ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(topic, bytes);
        GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(frame.schemaId(), id -> {
            Schema writer = registry.schemaById(id);
            return new GenericDatumReader<>(writer, projection(writer));
        });
        try {
            return reader.read(
                    null,
                    DecoderFactory.get()
                            .binaryDecoder(
                                    frame.bytes(),
                                    frame.bodyOffset(),
                                    frame.bytes().length - frame.bodyOffset(),
                                    null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The writer's record with only eventId and timings (same names, so Avro resolves it). */
    private static Schema projection(Schema writer) {
        Schema projection = Schema.createRecord(writer.getName(), null, writer.getNamespace(), false);
        projection.setFields(java.util.List.of(
                new Schema.Field("eventId", writer.getField("eventId").schema(), null, (Object) null),
                new Schema.Field("timings", writer.getField("timings").schema(), null, (Object) null)));
        return projection;
    }
}
