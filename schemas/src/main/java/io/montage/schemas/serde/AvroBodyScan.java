package io.montage.schemas.serde;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;

/**
 * Reads the structure of an Avro body by its writer schema, skipping every string, bytes and fixed
 * value instead of allocating it, so each length and item count the body claims is checked
 * against the bytes actually present before a reader allocates for it.
 *
 * <p>Avro's readers allocate what a length claims before reading a byte of it: a 10-byte record
 * claiming a 2 GB string costs 2 GB, one claiming 2^31 array items throws OutOfMemoryError.
 * {@code GenericDatumReader.skip} is no check: it jumps over an array block by the byte size the
 * block declares, so the block's item count, which the reader later allocates, goes unread. Here
 * every item is walked, and a claim past the body's end is an {@link java.io.EOFException}.
 */
final class AvroBodyScan {

    private AvroBodyScan() {}

    static void scan(Schema schema, Decoder in) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    scan(field.schema(), in);
                }
            }
            case ARRAY -> {
                for (long items = in.readArrayStart(); items > 0; items = in.arrayNext()) {
                    for (long i = 0; i < items; i++) {
                        scan(schema.getElementType(), in);
                    }
                }
            }
            case MAP -> {
                for (long entries = in.readMapStart(); entries > 0; entries = in.mapNext()) {
                    for (long i = 0; i < entries; i++) {
                        in.skipString();
                        scan(schema.getValueType(), in);
                    }
                }
            }
            case UNION -> scan(schema.getTypes().get(in.readIndex()), in);
            case ENUM -> in.readEnum();
            case FIXED -> in.skipFixed(schema.getFixedSize());
            case STRING -> in.skipString();
            case BYTES -> in.skipBytes();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case NULL -> in.readNull();
        }
    }
}
