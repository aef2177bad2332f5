package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.runtime.ModelSession;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Native memory of the KV cache is released as soon as a step replaces it, and step 1's encoder KV stays. */
class KvCacheTest {

    private static final long[][] PROMPT = {{50258, 50259, 50359, 50363}};

    @Test
    void replacedTensorsAreClosedAtOnceAndStepOnesEncoderKvLivesToTheEnd() throws Exception {
        try (ModelSession session = TinyModels.open("whisper/decoder_model_merged.onnx");
                ModelSession encoder = TinyModels.open("whisper/encoder_model.onnx");
                OnnxTensor states = TinyModels.whisperStates(encoder, 1)) {
            MergedDecoder decoder = new MergedDecoder(session);
            KvCache cache = decoder.emptyCache(1);
            Map<String, OnnxTensor> dummies = new HashMap<>(cache.feeds());
            assertThat(dummies.get("past_key_values.0.decoder.key").getInfo().getShape())
                    .containsExactly(1, 2, 0, 4);

            cache.advance(decoder.step(PROMPT, states, cache), 4, null);
            assertThat(dummies.values()).allMatch(OnnxTensor::isClosed);
            Map<String, OnnxTensor> afterFirst = new HashMap<>(cache.feeds());
            assertThat(afterFirst.get("past_key_values.0.encoder.key").getInfo().getShape())
                    .containsExactly(1, 2, 1500, 4);

            cache.advance(decoder.step(new long[][] {{440}}, states, cache), 1, null);
            Map<String, OnnxTensor> afterSecond = new HashMap<>(cache.feeds());
            assertThat(afterSecond
                            .get("past_key_values.0.decoder.key")
                            .getInfo()
                            .getShape())
                    .containsExactly(1, 2, 5, 4);
            assertThat(afterSecond.get("past_key_values.1.encoder.value"))
                    .isSameAs(afterFirst.get("past_key_values.1.encoder.value"));

            cache.advance(decoder.step(new long[][] {{441}}, states, cache), 1, new int[] {0});
            assertThat(afterSecond.get("past_key_values.0.decoder.key").isClosed())
                    .as("step 2's presents, replaced")
                    .isTrue();
            assertThat(afterFirst.get("past_key_values.0.encoder.key").isClosed())
                    .as("step 1's encoder KV")
                    .isFalse();
            assertThat(cache.pastLength()).isEqualTo(6);

            Map<String, OnnxTensor> last = new HashMap<>(cache.feeds());
            cache.close();
            assertThat(last.values()).allMatch(OnnxTensor::isClosed);
            assertThat(afterFirst.values()).allMatch(OnnxTensor::isClosed);
        }
    }
}
