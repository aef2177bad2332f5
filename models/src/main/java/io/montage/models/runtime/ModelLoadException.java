package io.montage.models.runtime;

/** ONNX Runtime could not load or warm up a model file. */
public final class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
