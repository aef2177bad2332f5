package io.montage.models.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Zero-valued inputs of the smallest legal shape (every dynamic axis 1), built from the session's own
 * declarations. Enough to make ONNX Runtime allocate and pick kernels before the first real request.
 */
final class WarmUpInputs {

    private WarmUpInputs() {}

    /** The caller closes the feeds, and with them every tensor. */
    static InputFeeds zeros(OrtEnvironment env, Map<String, TensorSpec> inputs) throws OrtException {
        InputFeeds tensors = new InputFeeds(env);
        try {
            for (TensorSpec spec : inputs.values()) {
                long[] shape = spec.shape();
                long elements = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shape[i] < 0 ? 1 : shape[i];
                    elements *= shape[i];
                }
                ByteBuffer data = ByteBuffer.allocateDirect((int) (elements * byteSize(spec)))
                        .order(ByteOrder.nativeOrder());
                tensors.put(spec.name(), OnnxTensor.createTensor(env, data, shape, spec.type()));
            }
            return tensors;
        } catch (OrtException | RuntimeException e) {
            tensors.close();
            throw e;
        }
    }

    private static int byteSize(TensorSpec spec) {
        OnnxJavaType type = spec.type();
        return switch (type) {
            case DOUBLE, INT64 -> 8;
            case FLOAT, INT32 -> 4;
            case FLOAT16, BFLOAT16, INT16 -> 2;
            case BOOL, INT8, UINT8 -> 1;
            default ->
                throw new IllegalArgumentException("cannot warm up input " + spec + ": unsupported type " + type
                        + "; pass explicit warm-up inputs");
        };
    }
}
