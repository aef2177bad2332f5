package io.montage.processors.stage;

import java.util.function.Supplier;

import io.montage.models.batching.BatchingException;
import io.montage.schemas.avro.ModelRef;

/**
 * Runs a stage's model call and sorts its failures: the model failing on this input is the
 * input's dead-letter; an overloaded, closing or interrupted batcher is no fault of the input and
 * is retried from the last commit instead.
 */
public final class ModelCall {

    private ModelCall() {
    }

    /** @param subject what the model was given, for the reason: "this text", "this image" */
    public static <T> T run(ModelRef model, String subject, Supplier<T> call) throws StageRejection {
        try {
            return call.get();
        } catch (BatchingException e) {
            switch (e.kind()) {
                case ITEM_FAILED, BATCH_FAILED -> throw new StageRejection("MODEL_ERROR", "The model "
                        + model.getId() + " failed on " + subject + ": " + e.getMessage(), e);
                default -> throw new StageUnavailable("The model " + model.getId() + " is unavailable ("
                        + e.kind() + "): " + e.getMessage(), e);
            }
        }
    }
}
