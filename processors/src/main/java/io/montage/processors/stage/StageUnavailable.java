package io.montage.processors.stage;

/**
 * The stage cannot work right now (its model is overloaded or shutting down): no fault of the
 * record. {@link StageProcessor} lets it through, so Kafka Streams stops the task and the record is
 * processed again from the last commit instead of being dead-lettered.
 */
public final class StageUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
