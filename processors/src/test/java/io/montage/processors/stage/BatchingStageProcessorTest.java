package io.montage.processors.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.schemas.ErrorClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How a batching stage gathers records, what reaches its model, and what each record gets back. */
class BatchingStageProcessorTest {

    private final List<List<String>> batches = new ArrayList<>();

    /** Upper-cases each record, rejects "bad…" ones as the input's fault; records every batch it saw. */
    private final BatchStage<String, String> upperCase = inputs -> {
        batches.add(inputs.stream().map(StageInput::value).toList());
        return ItemBatch.<String, String, String>prepare(inputs, input -> {
                    if (input.value().startsWith("bad")) {
                        throw new StageRejection(ErrorClass.CORRUPT, input.value() + " is damaged");
                    }
                    return input.value();
                })
                .run(
                        io.montage.schemas.avro.ModelRef.newBuilder()
                                .setId("upper")
                                .build(),
                        "this text",
                        items -> items.stream().map(String::toUpperCase).toList())
                .finish((input, prepared, result) -> result);
    };

    @Test
    void aFullBatchRunsAtOnceAndEachRecordGetsItsOwnResultInArrivalOrder() {
        try (StageHarness harness = StageHarness.batched(upperCase, 4, Duration.ofSeconds(60))) {
            for (String value : List.of("a", "b", "c", "d", "e")) {
                harness.input.pipeInput("same-key", value);
            }

            assertThat(batches).containsExactly(List.of("a", "b", "c", "d"));
            assertThat(harness.output.readValuesToList())
                    .containsExactly("emitted A", "emitted B", "emitted C", "emitted D");
            assertThat(harness.waiting()).as("e waits for companions").isEqualTo(1);
        }
    }

    @Test
    void aPartialBatchRunsOnceItsInputHasDriedUpForATick() {
        try (StageHarness harness = StageHarness.batched(upperCase, 32, Duration.ofMillis(20))) {
            harness.input.pipeInput("k", "a");
            harness.input.pipeInput("k", "b");
            harness.driver.advanceWallClockTime(Duration.ofMillis(20));
            assertThat(harness.output.isEmpty())
                    .as("records arrived during this tick: more may come")
                    .isTrue();

            harness.driver.advanceWallClockTime(Duration.ofMillis(20));

            assertThat(harness.output.readValuesToList()).containsExactly("emitted A", "emitted B");
            assertThat(batches).containsExactly(List.of("a", "b"));
            assertThat(harness.waiting()).isZero();
            assertThat(harness.meters
                            .get("montage.stage.batch.size")
                            .tag("stage", "test")
                            .summary()
                            .max())
                    .isEqualTo(2);
        }
    }

    @Test
    void aTrickleThatNeverFillsTheBatchRunsItAfterTheHoldLimit() {
        try (StageHarness harness = StageHarness.batched(upperCase, 1000, Duration.ofMillis(10))) {
            int ticks = 0;
            while (harness.output.isEmpty()) {
                harness.input.pipeInput("k", "r" + ticks);
                harness.driver.advanceWallClockTime(Duration.ofMillis(10));
                ticks++;
                assertThat(ticks).isLessThanOrEqualTo(BatchingStageProcessor.HOLD_LIMIT_TICKS + 1);
            }

            assertThat(ticks).isEqualTo(BatchingStageProcessor.HOLD_LIMIT_TICKS);
            assertThat(batches).hasSize(1);
            assertThat(batches.get(0)).hasSize(BatchingStageProcessor.HOLD_LIMIT_TICKS);
        }
    }

    @Test
    void theBufferIsARingWhoseSizeStaysBoundedHoweverManyRecordsPass() {
        try (StageHarness harness = StageHarness.batched(upperCase, 4, Duration.ofSeconds(60))) {
            for (int i = 0; i < 1000; i++) {
                harness.input.pipeInput("k", "r" + i);
            }

            assertThat(harness.output.readValuesToList()).hasSize(1000);
            assertThat(harness.waiting()).isZero();
            assertThat(harness.storeEntries())
                    .as("2 x batch.max-size slots and the watermark")
                    .isEqualTo(9);
        }
    }

    @Test
    void aRejectedRecordIsDeadLetteredAloneAndItsCompanionsGoOn() {
        try (StageHarness harness = StageHarness.batched(upperCase, 3, Duration.ofSeconds(60))) {
            harness.input.pipeInput("k", "a");
            harness.input.pipeInput("k", "bad-1");
            harness.input.pipeInput("k", "c");

            assertThat(harness.output.readValuesToList())
                    .containsExactly("emitted A", "dead-letter CORRUPT: bad-1 is damaged", "emitted C");
        }
    }

    @Test
    void aBugThatFailsTheWholeBatchIsNarrowedDownToTheRecordItFailsOn() {
        BatchStage<String, String> failsOnX = inputs -> {
            batches.add(inputs.stream().map(StageInput::value).toList());
            if (inputs.stream().anyMatch(in -> in.value().equals("x"))) {
                throw new IllegalStateException("a bug that x triggers");
            }
            return inputs.stream()
                    .<ItemOutcome<String>>map(in -> new ItemOutcome.Done<>(in.value()))
                    .toList();
        };
        try (StageHarness harness = StageHarness.batched(failsOnX, 3, Duration.ofSeconds(60))) {
            harness.input.pipeInput("k", "a");
            harness.input.pipeInput("k", "x");
            harness.input.pipeInput("k", "c");

            List<String> outcomes = harness.output.readValuesToList();
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0)).isEqualTo("emitted a");
            assertThat(outcomes.get(1))
                    .startsWith("dead-letter INTERNAL_ERROR: Montage failed unexpectedly in stage test")
                    .contains("a bug that x triggers", "not a problem with the input");
            assertThat(outcomes.get(2)).isEqualTo("emitted c");
            assertThat(batches).containsExactly(List.of("a", "x", "c"), List.of("a"), List.of("x"), List.of("c"));
        }
    }

    @Test
    void anUnavailableModelLeavesTheBatchInTheBufferToBeRetried() {
        AtomicBoolean available = new AtomicBoolean(false);
        BatchStage<String, String> flaky = inputs -> {
            if (!available.get()) {
                throw new StageUnavailable("the model is overloaded", null);
            }
            return upperCase.processAll(inputs);
        };
        try (StageHarness harness = StageHarness.batched(flaky, 2, Duration.ofMillis(10))) {
            harness.input.pipeInput("k", "a");
            assertThatThrownBy(() -> harness.input.pipeInput("k", "b")).hasRootCauseInstanceOf(StageUnavailable.class);
            assertThat(harness.output.isEmpty()).isTrue();
            assertThat(harness.waiting()).isEqualTo(2);

            available.set(true);
            harness.driver.advanceWallClockTime(Duration.ofMillis(20));
            harness.driver.advanceWallClockTime(Duration.ofMillis(20));

            assertThat(harness.output.readValuesToList()).containsExactly("emitted A", "emitted B");
            assertThat(harness.waiting()).isZero();
        }
    }

    @Test
    void recordsThatAreNotTheStagesBusinessAreNeitherBufferedNorAnswered() {
        try (StageHarness harness = StageHarness.batched(upperCase, 2, Duration.ofSeconds(60))) {
            harness.input.pipeInput("k", "skip-me");
            harness.input.pipeInput("k", "a");

            assertThat(harness.waiting()).isEqualTo(1);
            harness.input.pipeInput("k", "b");
            assertThat(harness.output.readValuesToList()).containsExactly("emitted A", "emitted B");
        }
    }
}
