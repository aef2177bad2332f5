package io.montage.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code MontageApplication.awaitRunning} waits on state listeners: it returns once every stage has
 * been RUNNING, fails as soon as one stage cannot run, and names the stages not yet running when
 * its time is up. The transitions are those Kafka Streams reports from its own threads.
 */
class StartupWatchTest {

    private static final Map<String, State> STATES = Map.of("probe", State.RUNNING, "ocr", State.REBALANCING);

    @Test
    void returnsOnceEveryStageHasBeenRunning() throws Exception {
        StartupWatch probe = new StartupWatch("probe");
        StartupWatch ocr = new StartupWatch("ocr");
        probe.onChange(State.REBALANCING, State.CREATED);
        probe.onChange(State.RUNNING, State.REBALANCING);
        ocr.onChange(State.REBALANCING, State.CREATED);
        later(() -> ocr.onChange(State.RUNNING, State.REBALANCING));

        StartupWatch.awaitAll(List.of(probe, ocr), Duration.ofSeconds(30), () -> STATES);
        // A rebalance after the start is not a failure to start.
        probe.onChange(State.REBALANCING, State.RUNNING);
        StartupWatch.awaitAll(List.of(probe, ocr), Duration.ofMillis(1), () -> STATES);
    }

    @Test
    void failsAfterTheTimeoutNamingTheStagesNotYetRunning() {
        StartupWatch probe = new StartupWatch("probe");
        StartupWatch ocr = new StartupWatch("ocr");
        probe.onChange(State.RUNNING, State.REBALANCING);
        ocr.onChange(State.REBALANCING, State.CREATED);

        assertThatThrownBy(() -> StartupWatch.awaitAll(List.of(probe, ocr), Duration.ofMillis(200), () -> STATES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("within PT0.2S")
                .hasMessageContaining("not yet running: ocr;")
                .hasMessageContaining("ocr=REBALANCING");
    }

    @ParameterizedTest
    @EnumSource(
            value = State.class,
            names = {"ERROR", "PENDING_ERROR", "NOT_RUNNING", "PENDING_SHUTDOWN"})
    void failsAtOnceWhenAStageGoesWhereItCannotRunFrom(State failed) {
        StartupWatch probe = new StartupWatch("probe");
        StartupWatch ocr = new StartupWatch("ocr");
        probe.onChange(State.REBALANCING, State.CREATED);
        ocr.onChange(State.REBALANCING, State.CREATED);
        later(() -> ocr.onChange(failed, State.REBALANCING));

        long started = System.nanoTime();
        assertThatThrownBy(() -> StartupWatch.awaitAll(List.of(probe, ocr), Duration.ofSeconds(60), () -> STATES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stage ocr went from REBALANCING to " + failed + " before it was RUNNING")
                .hasMessageContaining("their states:");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("time to fail")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void noStagesAreAllRunning() throws Exception {
        StartupWatch.awaitAll(List.of(), Duration.ofMillis(1), Map::of);
    }

    /** A transition from another thread a moment later, as a stream thread reports it. */
    private static void later(Runnable transition) {
        CompletableFuture.runAsync(transition, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    }
}
