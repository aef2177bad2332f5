package io.montage.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import io.montage.models.natives.NativeComponent;

/** ONNX Runtime's native library, loaded by creating the process-wide environment. */
public final class OnnxRuntimeNatives {

    public static final NativeComponent COMPONENT =
            new NativeComponent("ONNX Runtime", "running every model", OnnxRuntimeNatives::load);

    private OnnxRuntimeNatives() {
    }

    static void load() {
        // The environment is a process-wide singleton; creating it is what loads libonnxruntime.
        OrtEnvironment.getEnvironment();
    }
}
