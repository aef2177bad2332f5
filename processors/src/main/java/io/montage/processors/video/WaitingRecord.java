package io.montage.processors.video;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A record the scene-transcripts stage keeps until its other half comes: when it arrived (wall
 * clock, for the wait's end) and its value exactly as it was read from its topic, so it is decoded
 * with the schema it was written with when it is finally joined.
 */
record WaitingRecord(long arrivedMillis, byte[] value) {

    byte[] encode() {
        return ByteBuffer.allocate(Long.BYTES + value.length)
                .putLong(arrivedMillis)
                .put(value)
                .array();
    }

    static WaitingRecord decode(byte[] stored) {
        return new WaitingRecord(arrivedMillis(stored), Arrays.copyOfRange(stored, Long.BYTES, stored.length));
    }

    /** Only the arrival time: the wait check reads it of every waiting record without copying the value. */
    static long arrivedMillis(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, Long.BYTES).getLong();
    }
}
