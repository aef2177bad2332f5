package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import io.montage.models.catalog.ModelCatalog;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.Device;
import io.montage.models.store.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whisper's encoder is sensitive to quantisation (transformers.js documentation): the fp32 file runs on the CPU, the
 * fp16 one on CUDA, the int8 one only when it is all there is or when asked for.
 */
class WhisperEncoderPrecisionTest {

    private static final Set<String> ALL =
            Set.of("encoder_model.onnx", "encoder_model_fp16.onnx", "encoder_model_quantized.onnx");

    @Test
    void autoTakesFp32OnTheCpuAndFp16OnCuda() {
        assertThat(WhisperEncoderPrecision.AUTO.choose(Device.CPU, ALL::contains, "m"))
                .isEqualTo("encoder_model.onnx");
        assertThat(WhisperEncoderPrecision.AUTO.choose(new Device.Cuda(0), ALL::contains, "m"))
                .isEqualTo("encoder_model_fp16.onnx");
        assertThat(WhisperEncoderPrecision.AUTO.choose(new Device.Auto(), ALL::contains, "m"))
                .isEqualTo("encoder_model.onnx");
    }

    @Test
    void autoFallsBackToTheQuantizedFileOnlyWhenItIsAllThereIs() {
        Set<String> quantizedOnly = Set.of("encoder_model_quantized.onnx");
        assertThat(WhisperEncoderPrecision.AUTO.choose(Device.CPU, quantizedOnly::contains, "m"))
                .isEqualTo("encoder_model_quantized.onnx");
        Set<String> noFp16 = Set.of("encoder_model.onnx", "encoder_model_quantized.onnx");
        assertThat(WhisperEncoderPrecision.AUTO.choose(new Device.Cuda(0), noFp16::contains, "m"))
                .isEqualTo("encoder_model.onnx");
    }

    @Test
    void anAskedForFileThatIsNotThereIsNamedWithWhatToDo() {
        Set<String> fp32Only = Set.of("encoder_model.onnx");
        assertThatThrownBy(
                        () -> WhisperEncoderPrecision.QUANTIZED.choose(Device.CPU, fp32Only::contains, "whisper-base"))
                .hasMessageContaining("encoder_model_quantized.onnx")
                .hasMessageContaining("montage models pull whisper-base")
                .hasMessageContaining("montage.transcribe.encoder");
        assertThatThrownBy(() -> WhisperEncoderPrecision.parse("int4"))
                .hasMessageContaining("auto, fp32, fp16 or quantized");
    }

    @Test
    void theCatalogsWhisperModelsShipTheFp32AndFp16Encoders() {
        for (String id : List.of("whisper-base", "whisper-tiny.en")) {
            ModelSpec spec = ModelCatalog.builtIn().get(id);
            assertThat(spec.file("encoder_model.onnx")).as(id).isPresent();
            assertThat(spec.file("encoder_model_fp16.onnx")).as(id).isPresent();
            assertThat(spec.file("encoder_model_quantized.onnx"))
                    .as(id + ": the sensitive int8 encoder is not pulled")
                    .isEmpty();
            assertThat(spec.file("decoder_model_merged_quantized.onnx")).as(id).isPresent();
        }
    }

    @Test
    void theRecognizerOpensTheEncoderThePrecisionNames(@TempDir Path dir) throws Exception {
        ModelFiles files = filesWithBothEncoders(dir);
        try (WhisperRecognizer auto = WhisperRecognizer.builder()
                        .files(files)
                        .runtime(TinyWhisper.RUNTIME)
                        .warmUp(false)
                        .build();
                WhisperRecognizer fp16 = WhisperRecognizer.builder()
                        .files(files)
                        .runtime(TinyWhisper.RUNTIME)
                        .warmUp(false)
                        .encoderPrecision(WhisperEncoderPrecision.FP16)
                        .build()) {
            assertThat(((WhisperWindowDecoder) auto.windowDecoder())
                            .encoderInput()
                            .type())
                    .isEqualTo(OnnxJavaType.FLOAT);
            assertThat(((WhisperWindowDecoder) fp16.windowDecoder())
                            .encoderInput()
                            .type())
                    .isEqualTo(OnnxJavaType.FLOAT16);
        }
    }

    /** The tiny Whisper's directory plus the fp16-I/O encoder (models/tools/make_fp16_io_variants.py) as encoder_model_fp16.onnx. */
    private static ModelFiles filesWithBothEncoders(Path dir) throws Exception {
        ModelFiles tiny = TinyWhisper.files(dir);
        try (var in = WhisperEncoderPrecisionTest.class.getResourceAsStream(
                "/speech/tiny-whisper-fp16-io/encoder_model_fp16.onnx")) {
            Files.copy(in, dir.resolve("encoder_model_fp16.onnx"));
        }
        List<ModelFile> listed = new java.util.ArrayList<>(tiny.spec().files());
        listed.add(new ModelFile("encoder_model_fp16.onnx", null, null));
        ModelSpec spec = new ModelSpec(
                tiny.spec().id(),
                tiny.spec().task(),
                tiny.spec().description(),
                tiny.spec().license(),
                listed,
                List.of(),
                Map.of("multilingual", "true"));
        return new ModelFiles(spec, dir);
    }
}
