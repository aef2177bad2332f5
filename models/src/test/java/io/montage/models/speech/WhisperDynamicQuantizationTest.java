package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.generation.FloatTensors;
import io.montage.models.runtime.ModelSession;
import io.montage.models.text.BatchExecution;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamically quantised Whisper encoder (the tiny encoder with a DynamicQuantizeLinear pair before its MatMul,
 * models/tools/make_export_variants.py) computes one activation scale over the whole batch. Montage sees the operator
 * in the graph and decodes such a model one window per call, so a window's transcript is the same in any batch.
 */
class WhisperDynamicQuantizationTest {

    private static final String QUANTIZED_ENCODER = "/tiny-variants/whisper/encoder_model_dynamic_quantized.onnx";

    @Test
    void theFixturesEncoderOutputDependsOnItsBatchCompanions(@TempDir Path dir) throws Exception {
        Path file = TinyWhisper.copy(QUANTIZED_ENCODER, dir);
        try (ModelSession encoder = TinyWhisper.RUNTIME.open("quantized-encoder", file)) {
            assertThat(encoder.dynamicallyQuantized()).isTrue();
            float[] quiet = features(1, 0.1f);
            float[] loud = features(2, 5f);
            float[] both = Arrays.copyOf(quiet, quiet.length * 2);
            System.arraycopy(loud, 0, both, quiet.length, loud.length);
            assertThat(firstRow(encoder, both, 2))
                    .as("batched with a louder window, the quiet one's states change")
                    .isNotEqualTo(firstRow(encoder, quiet, 1));
        }
    }

    @Test
    void batchedWindowsDecodeExactlyAsEachWindowAlone(@TempDir Path dir) throws Exception {
        Path encoder = TinyWhisper.copy(QUANTIZED_ENCODER, Files.createDirectories(dir.resolve("quantized")));
        List<float[]> windows =
                List.of(TinyWhisper.noise(3, 21), scaled(TinyWhisper.noise(8, 22), 40f), TinyWhisper.noise(12, 23));
        try (WhisperRecognizer recognizer =
                TinyWhisper.builder(dir).encoder(encoder).build()) {
            WhisperWindowDecoder decoder = (WhisperWindowDecoder) recognizer.windowDecoder();
            assertThat(decoder.execution()).isEqualTo(BatchExecution.PER_ITEM);
            List<WindowTranscript> batch = decoder.decode(windows, TranscriptionOptions.defaults());
            for (int i = 0; i < windows.size(); i++) {
                WindowTranscript alone = decoder.decode(List.of(windows.get(i)), TranscriptionOptions.defaults())
                        .get(0);
                assertThat(batch.get(i)).as("window %d", i).isEqualTo(alone);
            }
            assertThat(batch).anySatisfy(t -> assertThat(t.segments()).isNotEmpty());
        }
    }

    @Test
    void anUnquantizedWhisperKeepsItsBatches(@TempDir Path dir) {
        try (WhisperRecognizer recognizer = TinyWhisper.builder(dir).build()) {
            assertThat(((WhisperWindowDecoder) recognizer.windowDecoder()).execution())
                    .isEqualTo(BatchExecution.PADDED);
        }
    }

    private static float[] features(long seed, float scale) {
        Random random = new Random(seed);
        float[] values = new float[80 * 3000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }

    private static float[] scaled(float[] samples, float factor) {
        float[] out = samples.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    private static float[] firstRow(ModelSession encoder, float[] features, int rows) throws Exception {
        try (OnnxTensor input = OnnxTensor.createTensor(
                        encoder.environment(), FloatBuffer.wrap(features), new long[] {rows, 80, 3000});
                var result = encoder.run(Map.of("input_features", input))) {
            float[] all = FloatTensors.read((OnnxTensor) result.get(0));
            return Arrays.copyOf(all, all.length / rows);
        }
    }
}
