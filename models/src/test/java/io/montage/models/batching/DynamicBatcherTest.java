package io.montage.models.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> batchesSeen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Doubles each input; runs {@code beforeRun} inside the model call so tests can block or fail it. */
    private BatchTask<Integer, Integer, Integer, String> doubling(Function<List<Integer>, Void> beforeRun) {
        return new BatchTask<>() {
            @Override
            public Integer prepare(Integer input) {
                return input;
            }

            @Override
            public List<Integer> run(List<Integer> batch) {
                batchesSeen.add(List.copyOf(batch));
                beforeRun.apply(batch);
                return batch.stream().map(x -> x * 2).toList();
            }

            @Override
            public String finish(Integer input, Integer raw) {
                return input + "->" + raw;
            }
        };
    }

    private static Function<List<Integer>, Void> blockUntil(CountDownLatch latch) {
        return batch -> {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
    }

    @Test
    void concurrentRequestsShareOneModelCallAndEachGetsItsOwnResult() throws Exception {
        var config = BatchingConfig.defaults().withMaxBatchSize(8).withMaxQueueDelay(Duration.ofMillis(500));
        try (var batcher = DynamicBatcher.create("double", doubling(b -> null), config, registry)) {
            var futures = new ArrayList<Future<String>>();
            for (int i = 0; i < 8; i++) {
                int input = i;
                futures.add(callers.submit(() -> batcher.process(input)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(futures.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i + "->" + (2 * i));
            }
        }
        assertThat(batchesSeen).hasSize(1);
        assertThat(batchesSeen.get(0)).hasSize(8);
        assertThat(registry.get("montage.model.batch.size")
                        .tag("model", "double")
                        .summary()
                        .max())
                .isEqualTo(8);
    }

    @Test
    void eachCallerLearnsItsQueueWaitAndTheSizeOfTheBatchItRanIn() throws Exception {
        var config = BatchingConfig.defaults().withMaxBatchSize(4).withMaxQueueDelay(Duration.ofMillis(500));
        try (var batcher = DynamicBatcher.create("timed", doubling(b -> null), config, registry)) {
            var futures = new ArrayList<Future<Timed<String>>>();
            for (int i = 0; i < 4; i++) {
                int input = i;
                futures.add(callers.submit(() -> batcher.processTimed(input)));
            }
            for (int i = 0; i < 4; i++) {
                Timed<String> timed = futures.get(i).get(5, TimeUnit.SECONDS);
                assertThat(timed.value()).isEqualTo(i + "->" + (2 * i));
                assertThat(timed.batchSize()).isEqualTo(4);
                assertThat(timed.queueNanos()).isNotNegative();
                assertThat(timed.runNanos()).isPositive();
            }
        }
    }

    @Test
    void partialBatchRunsOnceTheOldestRequestHasWaitedTheMaxQueueDelay() {
        var config = BatchingConfig.defaults().withMaxBatchSize(32).withMaxQueueDelay(Duration.ofMillis(150));
        try (var batcher = DynamicBatcher.create("delay", doubling(b -> null), config, registry)) {
            long start = System.nanoTime();
            assertThat(batcher.process(21)).isEqualTo("21->42");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(waitedMillis).isBetween(140L, 2_000L);
        }
        assertThat(batchesSeen).containsExactly(List.of(21));
    }

    @Test
    void aCallerHandingOverItsWholeBatchRunsAtOnceInsteadOfWaitingTheMaxQueueDelay() {
        var config = BatchingConfig.defaults().withMaxBatchSize(8).withMaxQueueDelay(Duration.ofSeconds(30));
        try (var batcher = DynamicBatcher.create("all", doubling(b -> null), config, registry)) {
            long start = System.nanoTime();
            List<Timed<String>> results = batcher.processAllTimed(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(results)
                    .extracting(Timed::value)
                    .containsExactly(
                            "1->2", "2->4", "3->6", "4->8", "5->10", "6->12", "7->14", "8->16", "9->18", "10->20",
                            "11->22");
            assertThat(results).extracting(Timed::batchSize).containsExactly(8, 8, 8, 8, 8, 8, 8, 8, 3, 3, 3);
            assertThat(results)
                    .as("each call's number, shared by the requests it ran")
                    .extracting(Timed::batch)
                    .containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 2L, 2L, 2L);
            assertThat(tookMillis)
                    .as("no 30 s wait for companions that cannot come")
                    .isLessThan(5_000L);
        }
        assertThat(batchesSeen).containsExactly(List.of(1, 2, 3, 4, 5, 6, 7, 8), List.of(9, 10, 11));
    }

    @Test
    void callersBlockWhenTheQueueIsFull() throws Exception {
        var release = new CountDownLatch(1);
        var config = new BatchingConfig(1, Duration.ZERO, 2, Duration.ofSeconds(20), 1);
        try (var batcher = DynamicBatcher.create("full", doubling(blockUntil(release)), config, registry)) {
            var running = callers.submit(() -> batcher.process(0));
            await().atMost(Duration.ofSeconds(5)).until(() -> batchesSeen.size() == 1); // worker busy with 0
            var queued1 = callers.submit(() -> batcher.process(1));
            var queued2 = callers.submit(() -> batcher.process(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> batcher.queueDepth() == 2);
            var blocked = new CompletableFuture<Thread>();
            var third = callers.submit(() -> {
                blocked.complete(Thread.currentThread());
                return batcher.process(3);
            });
            Thread caller = blocked.get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
            assertThat(third).isNotDone();
            assertThat(registry.get("montage.model.queue.depth").gauge().value())
                    .isEqualTo(2.0);
            release.countDown();
            assertThat(List.of(
                            running.get(5, TimeUnit.SECONDS),
                            queued1.get(5, TimeUnit.SECONDS),
                            queued2.get(5, TimeUnit.SECONDS),
                            third.get(5, TimeUnit.SECONDS)))
                    .containsExactly("0->0", "1->2", "2->4", "3->6");
        }
    }

    @Test
    void requestThatOutlivesItsTimeoutFailsWithTimeout() {
        var release = new CountDownLatch(1);
        var config =
                BatchingConfig.defaults().withMaxQueueDelay(Duration.ZERO).withRequestTimeout(Duration.ofMillis(200));
        try (var batcher = DynamicBatcher.create("slow", doubling(blockUntil(release)), config, registry)) {
            assertThatThrownBy(() -> batcher.process(1))
                    .isInstanceOfSatisfying(BatchingException.class, e -> assertThat(e.kind())
                            .isEqualTo(BatchingException.Kind.TIMEOUT))
                    .hasMessageContaining("model 'slow'")
                    .hasMessageContaining("request timeout of PT0.2S");
            release.countDown();
        }
        assertThat(registry.get("montage.model.errors")
                        .tag("kind", "timeout")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void failingBatchFailsEveryRequestInItWithTheModelsError() throws Exception {
        var config = BatchingConfig.defaults().withMaxBatchSize(4).withMaxQueueDelay(Duration.ofMillis(300));
        var task = doubling(batch -> {
            throw new IllegalStateException("kernel exploded");
        });
        try (var batcher = DynamicBatcher.create("broken", task, config, registry)) {
            var futures = new ArrayList<Future<String>>();
            for (int i = 0; i < 4; i++) {
                int input = i;
                futures.add(callers.submit(() -> batcher.process(input)));
            }
            for (Future<String> f : futures) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOfSatisfying(BatchingException.class, e -> assertThat(e.kind())
                                .isEqualTo(BatchingException.Kind.BATCH_FAILED))
                        .hasMessageContaining("kernel exploded")
                        .hasRootCauseInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(registry.get("montage.model.errors")
                        .tag("kind", "batch_failed")
                        .counter()
                        .count())
                .isEqualTo(4.0);
    }

    @Test
    void closeRunsQueuedRequestsThenRefusesNewOnes() throws Exception {
        var release = new CountDownLatch(1);
        var config = new BatchingConfig(1, Duration.ZERO, 8, Duration.ofSeconds(20), 1);
        var batcher = DynamicBatcher.create("closing", doubling(blockUntil(release)), config, registry);
        var first = callers.submit(() -> batcher.process(1));
        var second = callers.submit(() -> batcher.process(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> batchesSeen.size() == 1 && batcher.queueDepth() == 1);
        var closing = callers.submit(() -> batcher.close());
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);
        assertThat(first.get()).isEqualTo("1->2");
        assertThat(second.get()).isEqualTo("2->4");
        assertThatThrownBy(() -> batcher.process(3))
                .isInstanceOfSatisfying(
                        BatchingException.class, e -> assertThat(e.kind()).isEqualTo(BatchingException.Kind.CLOSED))
                .hasMessageContaining("batcher is closed");
    }

    @Test
    void closeWithAShortDrainFailsWhatCouldNotRun() throws Exception {
        var never = new CountDownLatch(1);
        var config = new BatchingConfig(1, Duration.ZERO, 8, Duration.ofSeconds(20), 1);
        var batcher = DynamicBatcher.create("stuck", doubling(blockUntil(never)), config, registry);
        callers.submit(() -> batcher.process(1));
        // Request 2 is sent only once 1 is running, so 2 is the one left in the queue.
        await().atMost(Duration.ofSeconds(5)).until(() -> batchesSeen.size() == 1);
        var queued = callers.submit(() -> batcher.process(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> batcher.queueDepth() == 1);
        batcher.close(Duration.ofMillis(100));
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        BatchingException.class, e -> assertThat(e.kind()).isEqualTo(BatchingException.Kind.CLOSED));
    }

    @Test
    void paddingFillsShortRowsAndMasksThem() {
        var padded = PaddedLongBatch.of(List.of(new long[] {101, 7, 102}, new long[] {101, 102}), 0);
        assertThat(padded.shape()).containsExactly(2, 3);
        assertThat(padded.values()).containsExactly(101, 7, 102, 101, 102, 0);
        assertThat(padded.mask()).containsExactly(1, 1, 1, 1, 1, 0);
    }
}
