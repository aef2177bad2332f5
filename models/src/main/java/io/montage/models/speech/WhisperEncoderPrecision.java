package io.montage.models.speech;

import io.montage.models.runtime.Device;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which of an export's encoder files Whisper runs. The transformers.js documentation warns that Whisper's (and
 * Florence-2's) encoder is very sensitive to quantisation, so {@link #AUTO} takes the fp32 encoder on the CPU and the
 * fp16 one on CUDA, and the int8 file only where nothing else is there. The decoder stays quantised: it is chosen
 * separately ({@link WhisperRecognizer}).
 */
public enum WhisperEncoderPrecision {
    AUTO(null),
    FP32("encoder_model.onnx"),
    FP16("encoder_model_fp16.onnx"),
    /** transformers.js {@code _quantized}: dynamic int8 (uint8 weights, since the encoder has Conv). */
    QUANTIZED("encoder_model_quantized.onnx");

    private final String fileName;

    WhisperEncoderPrecision(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /**
     * The encoder file to load.
     *
     * @param device  the device sessions are opened on; {@code auto} is treated as the CPU, since the fp32 file runs
     *                correctly on both
     * @param present whether the model's files include a name
     * @throws IllegalArgumentException naming the files there are and how to choose another
     */
    public String choose(Device device, Predicate<String> present, String modelId) {
        List<WhisperEncoderPrecision> order =
                switch (this) {
                    case AUTO ->
                        device instanceof Device.Cuda ? List.of(FP16, FP32, QUANTIZED) : List.of(FP32, FP16, QUANTIZED);
                    default -> List.of(this);
                };
        return order.stream()
                .map(WhisperEncoderPrecision::fileName)
                .filter(present)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model '" + modelId + "' has no "
                        + order.stream().map(WhisperEncoderPrecision::fileName).toList()
                        + "; add the file to its catalog entry and pull it with:"
                        + " montage models pull " + modelId
                        + ", or choose another encoder with montage.transcribe.encoder"
                        + " (auto, fp32, fp16 or quantized)"));
    }

    public static WhisperEncoderPrecision parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown Whisper encoder '" + value + "'; use auto, fp32, fp16 or quantized", e);
        }
    }
}
