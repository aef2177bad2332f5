package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.generation.FloatTensors;
import io.montage.models.runtime.ModelSession;

/** Reads named outputs, whatever floating-point type the session returns. */
final class OutputTensors {

    private OutputTensors() {}

    static OnnxTensor get(ModelSession session, OrtSession.Result result, String output) {
        return (OnnxTensor) result.get(output)
                .orElseThrow(() ->
                        new IllegalStateException("model '" + session.modelId() + "' returned no '" + output + "'"));
    }

    /** A float32 copy of {@code output} that outlives {@code result}; the caller closes it. */
    static OnnxTensor copy(ModelSession session, OrtSession.Result result, String output) throws OrtException {
        OnnxTensor tensor = get(session, result, output);
        return FloatTensors.create(
                session.environment(),
                ai.onnxruntime.OnnxJavaType.FLOAT,
                FloatTensors.read(tensor),
                tensor.getInfo().getShape());
    }
}
