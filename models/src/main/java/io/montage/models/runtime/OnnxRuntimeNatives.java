package io.montage.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import io.montage.models.natives.NativeComponent;

/** ONNX Runtime's native library. */
public final class OnnxRuntimeNatives {

    public static final NativeComponent COMPONENT =
            new NativeComponent("ONNX Runtime", "running every model", OnnxRuntimeNatives::load);

    private OnnxRuntimeNatives() {}

    static void load() {
        // OrtEnvironment's class initialiser loads libonnxruntime; asking for the providers is enough.
        OrtEnvironment.getAvailableProviders();
    }
}
