package io.montage.models.runtime;

import ai.onnxruntime.OnnxJavaType;
import java.util.Arrays;

/**
 * A session input or output as the model declares it; {@code -1} in {@code shape} is a dynamic axis.
 * Read from the session, never assumed: fp16 exports may declare float16 I/O.
 */
public record TensorSpec(String name, OnnxJavaType type, long[] shape) {

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(shape);
    }
}
