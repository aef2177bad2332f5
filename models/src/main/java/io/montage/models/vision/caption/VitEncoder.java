package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.ModelSession;
import io.montage.models.vision.preprocess.PixelValues;
import java.util.List;
import java.util.Map;

/** A VisionEncoderDecoder's {@code encoder_model.onnx}: {@code pixel_values} → {@code last_hidden_state} (docs/model-exports.md §2). */
record VitEncoder(ModelSession session) implements CaptionEncoder {

    static final String PIXEL_VALUES = "pixel_values";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final String FILE = "the VisionEncoderDecoder encoder_model*.onnx";

    VitEncoder {
        InputTensors.require(session, PIXEL_VALUES, FILE);
        InputTensors.requireOutput(session, LAST_HIDDEN_STATE, FILE);
    }

    @Override
    public OnnxTensor encode(List<PixelValues> images) throws OrtException {
        try (OnnxTensor pixels = InputTensors.pixels(session, PIXEL_VALUES, images);
                OrtSession.Result result = session.run(Map.of(PIXEL_VALUES, pixels))) {
            return OutputTensors.copy(session, result, LAST_HIDDEN_STATE);
        }
    }
}
