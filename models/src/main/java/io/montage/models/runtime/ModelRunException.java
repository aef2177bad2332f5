package io.montage.models.runtime;

/**
 * A loaded model ran on an input and failed (ONNX Runtime refused the tensors or an operator
 * failed on them). Models called directly, not through a dynamic batcher, throw it so that the
 * stage can tell a model failing on one input, which dead-letters that input as a model error,
 * from a fault in Montage itself.
 */
public final class ModelRunException extends RuntimeException {

    public ModelRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
