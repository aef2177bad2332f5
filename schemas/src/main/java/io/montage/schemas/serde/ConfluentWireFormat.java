package io.montage.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of an Avro record: magic byte 0, the 4-byte big-endian global schema id,
 * then the Avro binary encoding. Every Confluent-compatible client reads and writes it.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    /** A framed record split into its schema id and the offset of its Avro body. */
    public record Frame(int schemaId, byte[] bytes, int bodyOffset) {

        public int bodyLength() {
            return bytes.length - bodyOffset;
        }
    }

    /** The header to write before the Avro body of a record with schema {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** Splits {@code bytes}, read from {@code topic}, into its schema id and Avro body. */
    public static Frame parse(String topic, byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new SerializationException("Record of " + bytes.length + " bytes on topic '" + topic
                    + "' is truncated: Confluent-framed Avro starts with a 5-byte header (magic byte 0 and"
                    + " a 4-byte schema id). Check that the topic's producer uses a Confluent-compatible"
                    + " Avro serializer.");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x in a record on"
                            + " topic '%s': Confluent-framed Avro starts with 0x00. The record was not written by a"
                            + " Confluent-compatible Avro serializer; check the topic's producer or the deserializer"
                            + " configured for it.",
                    bytes[0], topic));
        }
        return new Frame(ByteBuffer.wrap(bytes, 1, 4).getInt(), bytes, HEADER_SIZE);
    }
}
