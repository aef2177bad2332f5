package io.montage.models.batching;

import java.util.List;

/**
 * A model task split the way DJL's {@code Translator} splits it, so that {@link DynamicBatcher} can own
 * batching for every task alike.
 *
 * @param <I> request input (text, image, audio window…)
 * @param <P> prepared per-item data (token ids, pixels…), built on the caller's thread
 * @param <R> per-item raw model output, cut out of the batch output
 * @param <O> result handed back to the caller
 */
public interface BatchTask<I, P, R, O> {

    /** Per-item pre-processing; runs on the calling thread, so it parallelises across callers. */
    P prepare(I input) throws Exception;

    /**
     * One model call for the whole batch (padding as needed); returns exactly one raw output per item,
     * in order. Results must not depend on which other items share the batch.
     */
    List<R> run(List<P> batch) throws Exception;

    /** Per-item post-processing; runs on the calling thread. */
    O finish(I input, R raw) throws Exception;
}
