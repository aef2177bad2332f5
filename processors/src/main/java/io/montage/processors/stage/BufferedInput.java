package io.montage.processors.stage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An input record held in a batching stage's buffer store, with everything its outcome needs: its
 * place in the task's sequence of buffered records, the raw key and value, the record timestamp and
 * its input coordinates.
 *
 * <p>The store's changelog is internal to Montage and never read by other clients, so a fixed binary
 * layout serves; nothing in it is versioned because the buffer is drained within milliseconds of a
 * record arriving, and an upgrade that changes the layout must drain it first (stop the old version
 * cleanly).
 */
record BufferedInput(
        long sequence,
        String topic,
        int partition,
        long offset,
        long timestamp,
        long bufferedAtMillis,
        String key,
        byte[] value) {

    private static final byte LAYOUT = 1;

    byte[] toBytes() {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1
                + 8
                + 4
                + topicBytes.length
                + 4
                + 8
                + 8
                + 8
                + 4
                + (keyBytes == null ? 0 : keyBytes.length)
                + 4
                + (value == null ? 0 : value.length));
        out.put(LAYOUT)
                .putLong(sequence)
                .putInt(topicBytes.length)
                .put(topicBytes)
                .putInt(partition)
                .putLong(offset)
                .putLong(timestamp)
                .putLong(bufferedAtMillis);
        putNullable(out, keyBytes);
        putNullable(out, value);
        return out.array();
    }

    static BufferedInput fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte layout = in.get();
        if (layout != LAYOUT) {
            throw new IllegalStateException("the batch buffer holds a record of layout " + layout + ", this Montage "
                    + "reads layout " + LAYOUT + "; drain the buffer with the version that wrote it (stop it cleanly)");
        }
        long sequence = in.getLong();
        String topic = new String(getNullable(in), StandardCharsets.UTF_8);
        int partition = in.getInt();
        long offset = in.getLong();
        long timestamp = in.getLong();
        long bufferedAt = in.getLong();
        byte[] key = getNullable(in);
        byte[] value = getNullable(in);
        return new BufferedInput(
                sequence,
                topic,
                partition,
                offset,
                timestamp,
                bufferedAt,
                key == null ? null : new String(key, StandardCharsets.UTF_8),
                value);
    }

    private static void putNullable(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getNullable(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
