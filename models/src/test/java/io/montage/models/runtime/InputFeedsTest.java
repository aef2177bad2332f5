package io.montage.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

class InputFeedsTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void closingTheFeedsClosesEveryTensorTheyHold() throws Exception {
        OnnxTensor ids;
        OnnxTensor mask;
        try (InputFeeds feeds = new InputFeeds(ENV)) {
            feeds.longs("input_ids", new long[] {101, 2023, 102}, new long[] {1, 3});
            feeds.longs("attention_mask", new long[] {1, 1, 1}, new long[] {1, 3});
            ids = feeds.byName().get("input_ids");
            mask = feeds.byName().get("attention_mask");
            assertThat(feeds.byName()).containsOnlyKeys("input_ids", "attention_mask");
            assertThat(ids.getInfo().getShape()).containsExactly(1, 3);
            assertThat(ids.isClosed()).isFalse();
        }
        assertThat(ids.isClosed()).isTrue();
        assertThat(mask.isClosed()).isTrue();
    }

    @Test
    void aSecondTensorForOneInputIsRefusedAndClosedNotLeaked() throws Exception {
        try (InputFeeds feeds = new InputFeeds(ENV)) {
            feeds.longs("input_ids", new long[] {1}, new long[] {1, 1});
            OnnxTensor second = OnnxTensor.createTensor(ENV, new long[][] {{2}});

            assertThatThrownBy(() -> feeds.put("input_ids", second)).hasMessage("input 'input_ids' is already fed");
            assertThat(second.isClosed()).isTrue();
            assertThat(feeds.byName().get("input_ids").isClosed()).isFalse();
        }
    }

    @Test
    void aBorrowedTensorIsFedButLeftToItsOwner() throws Exception {
        try (OnnxTensor cache = OnnxTensor.createTensor(ENV, new float[][] {{0.5f}})) {
            OnnxTensor ids;
            try (InputFeeds feeds = new InputFeeds(ENV).borrowAll(java.util.Map.of("past", cache))) {
                feeds.longs("input_ids", new long[] {1}, new long[] {1, 1});
                ids = feeds.byName().get("input_ids");
                assertThat(feeds.byName()).containsOnlyKeys("past", "input_ids");
                assertThatThrownBy(() -> feeds.borrow("past", cache)).hasMessage("input 'past' is already fed");
            }
            assertThat(ids.isClosed()).isTrue();
            assertThat(cache.isClosed()).isFalse();
        }
    }
}
