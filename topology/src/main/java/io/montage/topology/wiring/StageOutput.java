package io.montage.topology.wiring;

import io.montage.topology.topics.Topic;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One topic a stage's result feeds, and how to take that topic's records from the result. A stage
 * with several outputs (a transcript, its text for embedding, its subtitles) lists one per topic.
 */
public sealed interface StageOutput<O, X> {

    Topic<X> topic();

    /** At most one record per result: {@code extract} may return null where a result has nothing for the topic. */
    record One<O, X>(Topic<X> topic, Function<O, X> extract) implements StageOutput<O, X> {}

    /** Any number of records per result, none included (the matches of an upload, say). */
    record Each<O, X>(Topic<X> topic, Function<O, List<X>> extract) implements StageOutput<O, X> {}

    /**
     * The latest value per key of a compacted topic: where {@code has} holds for a result, {@code value}'s
     * record is written, null as a tombstone (the key's value is removed).
     */
    record Latest<O, X>(Topic<X> topic, Predicate<O> has, Function<O, X> value) implements StageOutput<O, X> {}

    static <O> StageOutput<O, O> of(Topic<O> topic) {
        return new One<>(topic, Function.identity());
    }

    static <O, X> StageOutput<O, X> one(Topic<X> topic, Function<O, X> extract) {
        return new One<>(topic, extract);
    }

    static <O, X> StageOutput<O, X> latest(Topic<X> topic, Predicate<O> has, Function<O, X> value) {
        return new Latest<>(topic, has, value);
    }

    static <O, X> StageOutput<O, X> each(Topic<X> topic, Function<O, List<X>> extract) {
        return new Each<>(topic, extract);
    }
}
