package io.montage.processors.stage;

import io.montage.schemas.avro.DeadLetter;

/**
 * What a stage made of one input record: a result for its output topic, or a dead-letter record.
 * Exactly one of the two per input, which is the invariant the end-to-end tests count on.
 */
public sealed interface StageOutcome<T> {

    record Emitted<T>(T value) implements StageOutcome<T> {}

    record DeadLettered<T>(DeadLetter deadLetter) implements StageOutcome<T> {}

    static <T> StageOutcome<T> emitted(T value) {
        return new Emitted<>(value);
    }

    static <T> StageOutcome<T> deadLettered(DeadLetter deadLetter) {
        return new DeadLettered<>(deadLetter);
    }
}
