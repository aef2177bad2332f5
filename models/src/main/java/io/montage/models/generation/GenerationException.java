package io.montage.models.generation;

/** ONNX Runtime failed during generation; the message names the model. */
public final class GenerationException extends RuntimeException {

    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
