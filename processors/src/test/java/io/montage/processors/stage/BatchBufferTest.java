package io.montage.processors.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a restore of the batch buffer finds: exactly the records not yet answered, in order. */
class BatchBufferTest {

    private KeyValueStore<Long, byte[]> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("buffer"), Serdes.Long(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void aRestoreFindsTheWaitingRecordsInOrderEvenUnderAnotherBatchSize() {
        BatchBuffer before = new BatchBuffer(store, 4);
        before.restore();
        for (int i = 0; i < 3; i++) {
            before.add(record(before.nextSequence(), "v" + i));
        }

        BatchBuffer after = new BatchBuffer(store, 2);
        after.restore();

        assertThat(after.restoredRecordsWaiting()).isTrue();
        assertThat(after.waiting()).extracting(r -> new String(r.value())).containsExactly("v0", "v1", "v2");
        assertThat(after.nextSequence()).isEqualTo(3);
    }

    @Test
    void answeredRecordsAreNotRestoredAndTheirSlotsAreReused() {
        BatchBuffer buffer = new BatchBuffer(store, 2);
        buffer.restore();
        for (int batch = 0; batch < 5; batch++) {
            buffer.add(record(buffer.nextSequence(), "a" + batch));
            buffer.add(record(buffer.nextSequence(), "b" + batch));
            buffer.drained();
        }
        buffer.add(record(buffer.nextSequence(), "waiting"));

        BatchBuffer restored = new BatchBuffer(store, 2);
        restored.restore();

        assertThat(restored.waiting()).extracting(r -> new String(r.value())).containsExactly("waiting");
        assertThat(restored.nextSequence()).isEqualTo(11);
        assertThat(store.approximateNumEntries())
                .as("4 slots and the watermark")
                .isEqualTo(5);
    }

    private static BufferedInput record(long sequence, String value) {
        return new BufferedInput(sequence, "texts", 0, sequence, 0, 0, "k", value.getBytes());
    }
}
