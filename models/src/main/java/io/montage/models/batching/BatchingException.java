package io.montage.models.batching;

/** A request through a {@link DynamicBatcher} did not produce a result; {@link #kind()} says why. */
public final class BatchingException extends RuntimeException {

    public enum Kind {
        /** The request waited longer than the request timeout (queue full, queued, or running). */
        TIMEOUT,
        /** The model call for the request's batch failed; the cause is the model's error. */
        BATCH_FAILED,
        /** Pre- or post-processing of this one item failed. */
        ITEM_FAILED,
        /** The batcher was closed before the request ran. */
        CLOSED,
        INTERRUPTED
    }

    private final Kind kind;

    public BatchingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
