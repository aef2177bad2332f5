package io.montage.models.batching;

/**
 * A batched request's result with what it cost: how long it waited in the queue, how long the
 * model call for its batch ran, and how many requests shared that call. Stages copy these into
 * every output record, so the batch sizes Montage actually gets can be read off the data
 * (docs/stages-and-batching.md: measure them).
 *
 * @param batch which of its batcher's model calls it ran in, counted from 1; results with the same
 *              number shared one call, so a caller that combines several results (a clip's Whisper
 *              windows) counts that call's run time once. 0 where no batcher ran it.
 */
public record Timed<O>(O value, long queueNanos, long runNanos, int batchSize, long batch) {}
