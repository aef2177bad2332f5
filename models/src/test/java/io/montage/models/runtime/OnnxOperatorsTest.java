package io.montage.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator scan reads the ONNX protobuf itself, subgraphs included, and refuses a cut file. */
class OnnxOperatorsTest {

    @Test
    void findsDynamicQuantizeLinearInADynamicallyQuantizedExport() throws Exception {
        assertThat(OnnxOperators.of(resource("/tiny-variants/whisper/encoder_model_dynamic_quantized.onnx")))
                .contains(OnnxOperators.DYNAMIC_QUANTIZE_LINEAR, "DequantizeLinear", "Conv", "MatMul");
        assertThat(OnnxOperators.of(resource("/tiny/whisper/encoder_model.onnx")))
                .contains("Conv", "MatMul")
                .doesNotContain(OnnxOperators.DYNAMIC_QUANTIZE_LINEAR);
    }

    @Test
    void readsTheOperatorsInsideAMergedDecodersIfBranches() throws Exception {
        // the tiny merged decoder's top level holds the vocabulary matrix and the If; attention lives in the branches
        assertThat(OnnxOperators.of(resource("/tiny/whisper/decoder_model_merged.onnx")))
                .contains("If", "Softmax", "Concat");
    }

    @Test
    void aCutFileIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(resource("/tiny/whisper/encoder_model.onnx"));
        Path cut = Files.write(dir.resolve("cut.onnx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> OnnxOperators.of(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a well-formed ONNX file")
                .hasMessageContaining("montage models pull");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(OnnxOperatorsTest.class.getResource(name).toURI());
    }
}
