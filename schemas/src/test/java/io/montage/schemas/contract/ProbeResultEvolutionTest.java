package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Registries that hold the earlier {@code probes-value} (a {@code perceptualHash} long) accept the
 * schema with the portable {@code dctHash} under FULL compatibility, the strictest non-transitive
 * level, so deployments upgrade without touching the registry; readers of either version read
 * records of the other.
 */
class ProbeResultEvolutionTest {

    private static final Schema CURRENT = ProbeResult.getClassSchema();

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneWithTheLongHash() throws IOException {
        FullCompatibility.assertFullyCompatible(CURRENT, previous());
    }

    @Test
    void anOldRecordReadsWithNoHashRatherThanAWrongOne() throws IOException {
        Schema previous = previous();
        GenericRecord old = new GenericData.Record(previous);
        for (Schema.Field field : previous.getFields()) {
            if (field.hasDefaultValue()) {
                old.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }
        old.put("eventId", "e-1");
        old.put("input", inputRef(previous));
        old.put("timings", timings(previous));
        old.put("perceptualHash", 0xE55E1B78643C187CL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(previous).write(old, encoder);
        encoder.flush();

        GenericRecord read = new GenericDatumReader<GenericRecord>(previous, CURRENT)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.get("eventId").toString()).isEqualTo("e-1");
        assertThat(read.get("dctHash")).isNull();
    }

    private static Schema previous() throws IOException {
        return FullCompatibility.previous("ProbeResult-long-hash.avsc");
    }

    private static GenericRecord inputRef(Schema probeResult) {
        GenericRecord ref = new GenericData.Record(probeResult.getField("input").schema());
        ref.put("topic", "images");
        ref.put("partition", 0);
        ref.put("offset", 7L);
        return ref;
    }

    private static GenericRecord timings(Schema probeResult) {
        Schema schema = probeResult.getField("timings").schema();
        GenericRecord timings = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            timings.put(field.name(), GenericData.get().getDefaultValue(field));
        }
        return timings;
    }
}
