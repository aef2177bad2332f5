package io.montage.processors.stage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The records a batching task has taken from its input and not yet answered, kept in a changelogged
 * store so that they survive a crash exactly as far as the task's last commit.
 *
 * <p>Layout: each record sits in a slot of a ring ({@code sequence % slots}); one extra entry, the
 * watermark, holds the highest sequence already answered. Draining a batch writes the watermark
 * once instead of deleting every record, so a batched record costs one changelog write, and the
 * changelog compacts to at most {@code slots + 1} entries. A slot is reused only once its record is
 * below the watermark: at most {@code maxSize} records wait at a time and the ring has twice as many
 * slots.
 */
final class BatchBuffer {

    static final long WATERMARK_KEY = -1L;

    private final KeyValueStore<Long, byte[]> store;
    private final int slots;
    /** Sequences of the waiting records, in arrival order. */
    private final List<Long> waiting = new ArrayList<>();

    private long watermark = -1;
    private long nextSequence;
    private boolean restoredRecordsWaiting;

    BatchBuffer(KeyValueStore<Long, byte[]> store, int maxSize) {
        this.store = store;
        this.slots = 2 * maxSize;
    }

    /** Reads what a restore brought back: the watermark and every record above it. */
    void restore() {
        byte[] mark = store.get(WATERMARK_KEY);
        watermark = mark == null ? -1 : ByteBuffer.wrap(mark).getLong();
        TreeMap<Long, Long> pending = new TreeMap<>();
        long highest = watermark;
        try (KeyValueIterator<Long, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<Long, byte[]> entry = entries.next();
                if (entry.key == WATERMARK_KEY) {
                    continue;
                }
                long sequence = BufferedInput.fromBytes(entry.value).sequence();
                highest = Math.max(highest, sequence);
                if (sequence > watermark) {
                    pending.put(sequence, entry.key);
                }
            }
        }
        waiting.clear();
        waiting.addAll(pending.keySet());
        nextSequence = highest + 1;
        restoredRecordsWaiting = !waiting.isEmpty();
    }

    /**
     * Whether records restored from the changelog still wait. They were written under the ring of the
     * run before (whose batch size may have differed), so they are drained before new ones arrive.
     */
    boolean restoredRecordsWaiting() {
        return restoredRecordsWaiting;
    }

    long nextSequence() {
        return nextSequence;
    }

    void add(BufferedInput input) {
        if (input.sequence() != nextSequence) {
            throw new IllegalArgumentException(
                    "record " + input.sequence() + " added where " + nextSequence + " was next");
        }
        store.put(slotOf(input.sequence()), input.toBytes());
        waiting.add(input.sequence());
        nextSequence++;
    }

    int size() {
        return waiting.size();
    }

    /** The waiting records, in arrival order. */
    List<BufferedInput> waiting() {
        List<BufferedInput> records = new ArrayList<>(waiting.size());
        for (long sequence : waiting) {
            byte[] bytes = restoredRecordsWaiting ? find(sequence) : store.get(slotOf(sequence));
            records.add(BufferedInput.fromBytes(bytes));
        }
        return records;
    }

    /** Every waiting record is answered: one watermark write makes their slots free. */
    void drained() {
        if (waiting.isEmpty()) {
            return;
        }
        watermark = waiting.get(waiting.size() - 1);
        store.put(
                WATERMARK_KEY,
                ByteBuffer.allocate(Long.BYTES).putLong(watermark).array());
        waiting.clear();
        restoredRecordsWaiting = false;
    }

    private long slotOf(long sequence) {
        return sequence % slots;
    }

    /** A restored record, found by its sequence: the ring it was written under may have had another size. */
    private byte[] find(long sequence) {
        try (KeyValueIterator<Long, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<Long, byte[]> entry = entries.next();
                if (entry.key != WATERMARK_KEY
                        && BufferedInput.fromBytes(entry.value).sequence() == sequence) {
                    return entry.value;
                }
            }
        }
        throw new IllegalStateException("buffered record " + sequence + " is missing from the batch buffer");
    }
}
