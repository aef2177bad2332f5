package io.montage.processors.stage;

/**
 * One stage's work on one decoded input: pure of Kafka, so it can be tested and benchmarked alone.
 * The {@link StageProcessor} does the Kafka side (decoding, timings, metrics, dead-letters).
 *
 * @param <I> the decoded input record
 * @param <O> the output record
 */
@FunctionalInterface
public interface Stage<I, O> {

    /**
     * @throws StageRejection when the input cannot be processed for a reason its producer can fix
     */
    O process(I input, InputContext context) throws StageRejection;
}
