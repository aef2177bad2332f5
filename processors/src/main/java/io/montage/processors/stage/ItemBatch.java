package io.montage.processors.stage;

import io.montage.models.batching.BatchingException;
import io.montage.schemas.avro.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The three steps of a batched stage over one batch, with the bookkeeping that keeps each record's
 * outcome in its place: per-record preparation (decoding, validation), which may reject that record
 * alone; one model call for every record that passed; per-record finishing into the output.
 *
 * <p>A model call that fails for the batch is retried record by record, so one record the model
 * cannot handle is dead-lettered alone instead of taking up to {@code batch.max-size} valid
 * companions with it. A model that is unavailable (overloaded, closing) fails the whole batch with
 * {@link StageUnavailable}, to be retried from the last commit.
 *
 * @param <I> decoded input
 * @param <P> prepared model input
 * @param <R> model result
 */
public final class ItemBatch<I, P, R> {

    /** Decodes and checks one input; throws the rejection its producer should see. */
    @FunctionalInterface
    public interface Preparation<I, P> {
        P prepare(StageInput<I> input) throws StageRejection;
    }

    /** Builds one output from the input, its prepared form and the model's result. */
    @FunctionalInterface
    public interface Finishing<I, P, R, O> {
        O finish(StageInput<I> input, P prepared, R result) throws StageRejection;
    }

    private final List<StageInput<I>> inputs;
    private final List<P> prepared;
    private final List<StageRejection> rejections;
    private final List<R> results;

    private ItemBatch(List<StageInput<I>> inputs) {
        this.inputs = inputs;
        this.prepared = new ArrayList<>(inputs.size());
        this.rejections = new ArrayList<>(inputs.size());
        this.results = new ArrayList<>(inputs.size());
    }

    public static <I, P, R> ItemBatch<I, P, R> prepare(List<StageInput<I>> inputs, Preparation<I, P> preparation) {
        ItemBatch<I, P, R> batch = new ItemBatch<>(inputs);
        for (StageInput<I> input : inputs) {
            P item = null;
            StageRejection rejection = null;
            try {
                item = preparation.prepare(input);
            } catch (StageRejection e) {
                rejection = e;
            }
            batch.prepared.add(item);
            batch.rejections.add(rejection);
            batch.results.add(null);
        }
        return batch;
    }

    /**
     * Runs the model once on every prepared record.
     *
     * @param subject what the model is given, for a reason: "this text", "this image"
     * @param call    the model's batch call; one result per item, in order
     */
    public ItemBatch<I, P, R> run(ModelRef model, String subject, Function<List<P>, List<R>> call) {
        List<Integer> positions = new ArrayList<>();
        List<P> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (rejections.get(i) == null) {
                positions.add(i);
                items.add(prepared.get(i));
            }
        }
        if (items.isEmpty()) {
            return this;
        }
        try {
            List<R> out = call.apply(items);
            for (int k = 0; k < positions.size(); k++) {
                results.set(positions.get(k), out.get(k));
            }
        } catch (BatchingException e) {
            if (!ModelCall.failedOnTheInput(e)) {
                throw ModelCall.unavailable(model, e);
            }
            positions.forEach(i -> runAlone(model, subject, call, i));
        }
        return this;
    }

    public <O> List<ItemOutcome<O>> finish(Finishing<I, P, R, O> finishing) {
        List<ItemOutcome<O>> outcomes = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            if (rejections.get(i) != null) {
                outcomes.add(new ItemOutcome.Rejected<>(rejections.get(i)));
                continue;
            }
            try {
                outcomes.add(new ItemOutcome.Done<>(finishing.finish(inputs.get(i), prepared.get(i), results.get(i))));
            } catch (StageRejection e) {
                outcomes.add(new ItemOutcome.Rejected<>(e));
            }
        }
        return outcomes;
    }

    private void runAlone(ModelRef model, String subject, Function<List<P>, List<R>> call, int position) {
        try {
            results.set(position, call.apply(List.of(prepared.get(position))).get(0));
        } catch (BatchingException e) {
            if (!ModelCall.failedOnTheInput(e)) {
                throw ModelCall.unavailable(model, e);
            }
            rejections.set(position, ModelCall.rejection(model, subject, e));
        }
    }
}
