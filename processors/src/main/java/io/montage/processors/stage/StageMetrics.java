package io.montage.processors.stage;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Per-stage latency and outcome counts, and dead-letters by error class (DESIGN decision 7). */
public final class StageMetrics {

    private final MeterRegistry registry;
    private final String stage;
    private final Timer latency;
    private final Counter emitted;
    private final Counter deadLettered;

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
        this.latency = Timer.builder("montage.stage.latency")
                .description("Time a stage spends on one record, decoding included")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(registry);
        this.emitted = outcomeCounter("emitted");
        this.deadLettered = outcomeCounter("dead_letter");
    }

    void recordEmitted(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        emitted.increment();
    }

    void recordDeadLetter(long nanos, String errorClass) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        deadLettered.increment();
        Counter.builder("montage.dead.letters")
                .description("Records sent to the dead-letter topic, by stage and error class")
                .tag("stage", stage)
                .tag("error_class", errorClass)
                .register(registry)
                .increment();
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder("montage.stage.records")
                .description("Records a stage finished, by outcome")
                .tag("stage", stage)
                .tag("outcome", outcome)
                .register(registry);
    }
}
