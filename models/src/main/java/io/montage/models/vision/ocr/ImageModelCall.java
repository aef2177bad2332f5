package io.montage.models.vision.ocr;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One PaddleOCR ONNX model with one float image input [B, 3, H, W] and one float output, as the
 * PP-OCR exports declare them (det/rec/cls input {@code x}); names and dtypes are read from the session.
 */
final class ImageModelCall implements AutoCloseable {

    private final ModelSession session;
    private final String input;
    private final String output;

    ImageModelCall(ModelSession session, String role) {
        this.session = session;
        TensorSpec in = session.inputs().values().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the " + role + " model of '" + session.modelId() + "' declares no tensor input"));
        TensorSpec out = session.outputs().values().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the " + role + " model of '" + session.modelId() + "' declares no tensor output"));
        if (in.type() != OnnxJavaType.FLOAT || in.shape().length != 4 || out.type() != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(
                    "the " + role + " model of '" + session.modelId() + "' is not a PP-OCR export: "
                            + "expected a float [B,3,H,W] input and a float output, found " + in + " -> " + out);
        }
        this.input = in.name();
        this.output = out.name();
    }

    /** Opens the model and warms it up with zeros of a typical shape (its H/W axes are dynamic). */
    static ImageModelCall open(
            ModelRuntime runtime, String modelId, java.nio.file.Path file, String role, long[] warmUpShape) {
        ModelSession session = runtime.open(modelId + "/" + role, file, s -> {
            ImageModelCall call = new ImageModelCall(s, role);
            call.run(FloatBuffer.allocate(elements(warmUpShape)), warmUpShape, (values, shape) -> null);
        });
        return new ImageModelCall(session, role);
    }

    @FunctionalInterface
    interface OutputReader<T> {
        T read(FloatBuffer values, long[] shape);
    }

    <T> T run(FloatBuffer pixels, long[] shape, OutputReader<T> reader) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(session.environment(), pixels.rewind(), shape);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxValue value = result.get(output)
                    .orElseThrow(() -> new IllegalStateException(
                            "model '" + session.modelId() + "' returned no '" + output + "' output"));
            OnnxTensor out = (OnnxTensor) value;
            return reader.read(out.getFloatBuffer(), out.getInfo().getShape());
        }
    }

    static int elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    @Override
    public void close() {
        session.close();
    }
}
