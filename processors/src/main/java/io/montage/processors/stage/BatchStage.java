package io.montage.processors.stage;

import java.util.List;

/**
 * A stage whose model runs on several records at once: pure of Kafka, like {@link Stage}. The
 * {@link BatchingStageProcessor} gathers the records into batches, exactly under exactly-once.
 *
 * @param <I> the decoded input record
 * @param <O> the output record
 */
@FunctionalInterface
public interface BatchStage<I, O> {

    /**
     * One outcome per input, in input order. A record the stage cannot process for a reason its
     * producer can fix is {@link ItemOutcome.Rejected}; it never takes its batch companions with it.
     *
     * @throws StageUnavailable when the stage cannot work right now (the whole batch is retried)
     */
    List<ItemOutcome<O>> processAll(List<StageInput<I>> inputs);
}
