package io.montage.processors.stage;

/** What a batched stage made of one record of its batch: a result, or a rejection for the dead-letter topic. */
public sealed interface ItemOutcome<O> {

    record Done<O>(O value) implements ItemOutcome<O> {}

    record Rejected<O>(StageRejection rejection) implements ItemOutcome<O> {}
}
