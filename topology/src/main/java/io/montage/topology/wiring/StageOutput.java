package io.montage.topology.wiring;

import io.montage.topology.topics.Topic;
import java.util.function.Function;

/**
 * One topic a stage's result feeds, and how to take that topic's record from the result. A stage
 * with several outputs (a transcript, its text for embedding, its subtitles) lists one per topic;
 * {@code extract} may return null where a result has nothing for that topic.
 */
public record StageOutput<O, X>(Topic<X> topic, Function<O, X> extract) {

    public static <O> StageOutput<O, O> of(Topic<O> topic) {
        return new StageOutput<>(topic, Function.identity());
    }
}
