package io.montage.models.text;

import io.montage.models.batching.BatchTask;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.OneItemPerRun;
import io.montage.models.runtime.CpuBudget;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.OnnxOperators;
import io.montage.models.runtime.RunParallelism;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a batch reaches the model.
 *
 * <p>Dynamically quantised int8 exports (langchain4j's all-MiniLM-L6-v2-q and bge-small-q) quantise
 * activations with one scale per tensor ({@code DynamicQuantizeLinear}), computed over the whole batch:
 * a text's vector then depends on which other texts share its batch (measured: cosine 0.995 to its
 * single-item vector). Montage's outputs must be reproducible, so such models run {@link #PER_ITEM}. The graph
 * says so itself ({@link #forGraph}), whatever the file is called or the catalog says.
 */
public enum BatchExecution {
    /** One model call for the whole batch, padded to its longest item: fastest, exact only for fp32/fp16 graphs. */
    PADDED,
    /** One model call per item inside the batch: results independent of batch companions. */
    PER_ITEM;

    /** Per-item runs are small: each runs on one thread, several at once. */
    public RunParallelism parallelism() {
        return this == PER_ITEM ? RunParallelism.ACROSS_RUNS : RunParallelism.WITHIN_RUN;
    }

    /**
     * The batcher for this execution: per item, one request per model call and one single-threaded
     * worker per core of the budget, so the items of one caller's batch run side by side; padded, as
     * configured.
     */
    public BatchingConfig batching(BatchingConfig configured, CpuBudget budget) {
        return this == PER_ITEM ? configured.withMaxBatchSize(1).withWorkers(budget.threads()) : configured;
    }

    /** PER_ITEM for a graph with {@code DynamicQuantizeLinear} (read from the file, before a session is opened). */
    public static BatchExecution forGraph(Path onnxFile) {
        return OnnxOperators.of(onnxFile).contains(OnnxOperators.DYNAMIC_QUANTIZE_LINEAR) ? PER_ITEM : PADDED;
    }

    /** PER_ITEM when any of the sessions one task runs quantises dynamically. */
    public static BatchExecution forSessions(ModelSession... sessions) {
        for (ModelSession session : sessions) {
            if (session.dynamicallyQuantized()) {
                return PER_ITEM;
            }
        }
        return PADDED;
    }

    /** The stricter of the two: a catalog cannot make a dynamically quantised graph batch. */
    public BatchExecution and(BatchExecution other) {
        return this == PER_ITEM || other == PER_ITEM ? PER_ITEM : PADDED;
    }

    /** The task as the batcher should run it: per item, each batch reaches the model one item per call. */
    public <I, P, R, O> BatchTask<I, P, R, O> apply(BatchTask<I, P, R, O> task) {
        return this == PER_ITEM ? new OneItemPerRun<>(task) : task;
    }

    public static BatchExecution parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown batch execution '" + value + "' in the model catalog; use padded or per-item", e);
        }
    }
}
