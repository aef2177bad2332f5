package io.montage.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CpuBudgetTest {

    @Test
    void runsNeverHoldMoreThreadsThanTheBudgetHas() throws Exception {
        CpuBudget budget = CpuBudget.shared(0);
        int cores = budget.threads();
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger mostInUse = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture<?>[] runs = new CompletableFuture<?>[64];
            for (int i = 0; i < runs.length; i++) {
                int threads = i % 3 == 0 ? cores : 1; // a whole-budget run among single-threaded ones
                runs[i] = CompletableFuture.runAsync(
                        () -> {
                            try (CpuBudget.Hold hold = budget.acquire(threads)) {
                                mostInUse.accumulateAndGet(inUse.addAndGet(threads), Math::max);
                                Thread.sleep(2);
                                inUse.addAndGet(-threads);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        callers);
            }
            CompletableFuture.allOf(runs).get(30, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }

        assertThat(mostInUse.get()).isLessThanOrEqualTo(cores);
        assertThat(inUse.get()).isZero();
    }

    @Test
    void aRunAskingForMoreThanTheBudgetTakesTheWholeBudget() throws Exception {
        CpuBudget budget = CpuBudget.shared(0);
        try (CpuBudget.Hold hold = budget.acquire(budget.threads() * 4)) {
            assertThat(hold).isNotNull();
        }
        try (CpuBudget.Hold again = budget.acquire(budget.threads())) {
            assertThat(again).as("every permit came back").isNotNull();
        }
    }
}
