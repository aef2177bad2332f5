package io.montage.tests.bench;

import io.montage.topology.client.TopicTail;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;

/** Reads a benchmark's committed outputs as they arrive, counting them, until a target count. */
final class OutputReader {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final TopicTail<GenericRecord> tail;
    private int seen;

    OutputReader(TopicTail<GenericRecord> tail) {
        this.tail = tail;
    }

    int seen() {
        return seen;
    }

    /** Reads until {@code target} outputs in all were read, handing each to {@code each}. */
    void readUntil(int target, Consumer<GenericRecord> each) {
        if (!tail.pollUntil(() -> seen >= target, GIVE_UP_AFTER, r -> {
            seen++;
            each.accept(r.value());
        })) {
            throw new IllegalStateException("only " + seen + " of " + target + " outputs within " + GIVE_UP_AFTER);
        }
    }

    /** The model batch size an output carries in its timings (0 where none). */
    static int batchSize(GenericRecord output) {
        Object size = ((GenericRecord) output.get("timings")).get("batchSize");
        return size == null ? 0 : (Integer) size;
    }
}
