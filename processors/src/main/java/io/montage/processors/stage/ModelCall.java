package io.montage.processors.stage;

import io.montage.models.batching.BatchingException;
import io.montage.models.runtime.ModelRunException;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.ModelRef;
import java.util.function.Supplier;

/**
 * Runs a stage's model call, through a dynamic batcher or directly, and sorts its failures: the
 * model failing on this input is the input's dead-letter ({@code MODEL_ERROR}); an overloaded,
 * closing or interrupted batcher is no fault of the input and is retried from the last commit
 * instead.
 */
public final class ModelCall {

    private ModelCall() {}

    /** @param subject what the model was given, for the reason: "this text", "this image" */
    public static <T> T run(ModelRef model, String subject, Supplier<T> call) throws StageRejection {
        try {
            return call.get();
        } catch (BatchingException e) {
            if (failedOnTheInput(e)) {
                throw rejection(model, subject, e);
            }
            throw unavailable(model, e);
        } catch (ModelRunException e) {
            throw rejection(model, subject, e);
        }
    }

    /** The model ran and failed on what it was given (as opposed to being unavailable). */
    static boolean failedOnTheInput(BatchingException e) {
        return e.kind() == BatchingException.Kind.ITEM_FAILED || e.kind() == BatchingException.Kind.BATCH_FAILED;
    }

    static StageRejection rejection(ModelRef model, String subject, RuntimeException e) {
        return new StageRejection(
                ErrorClass.MODEL_ERROR,
                "The model " + model.getId() + " failed on " + subject + ": " + e.getMessage(),
                e);
    }

    static StageUnavailable unavailable(ModelRef model, BatchingException e) {
        return new StageUnavailable(
                "The model " + model.getId() + " is unavailable (" + e.kind() + "): " + e.getMessage(), e);
    }
}
