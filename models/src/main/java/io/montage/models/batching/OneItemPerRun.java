package io.montage.models.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * A task whose batches reach the model one item per call. For graphs that quantise activations at run time
 * ({@code DynamicQuantizeLinear}: one scale over the whole tensor, batch and padding included), where a batched call
 * would make an item's result depend on its batch companions. The batcher still gathers requests, so callers keep
 * one queue and one set of metrics.
 */
public record OneItemPerRun<I, P, R, O>(BatchTask<I, P, R, O> task) implements BatchTask<I, P, R, O> {

    @Override
    public P prepare(I input) throws Exception {
        return task.prepare(input);
    }

    @Override
    public List<R> run(List<P> batch) throws Exception {
        if (batch.size() == 1) {
            return task.run(batch);
        }
        List<R> out = new ArrayList<>(batch.size());
        for (P item : batch) {
            out.add(task.run(List.of(item)).get(0));
        }
        return out;
    }

    @Override
    public O finish(I input, R raw) throws Exception {
        return task.finish(input, raw);
    }
}
