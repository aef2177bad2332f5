package io.montage.processors.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.montage.schemas.ErrorClass;
import java.util.concurrent.TimeUnit;

/** Per-stage latency and outcome counts, and dead-letters by error class (docs/architecture.md, decision 8). */
public final class StageMetrics {

    private final MeterRegistry registry;
    private final String stage;
    private final Timer latency;
    private final Counter emitted;
    private final Counter deadLettered;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final Timer bufferWait;

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
        this.batchSize = DistributionSummary.builder("montage.stage.batch.size")
                .description("Records per batch a batching stage ran its model on")
                .tag("stage", stage)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry);
        this.batchDuration = Timer.builder("montage.stage.batch.duration")
                .description("Time a batching stage spends on one batch: preparation, model and results")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(registry);
        this.bufferWait = Timer.builder("montage.stage.buffer.wait")
                .description("Time a record waits in its stage's batch buffer before its batch runs")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One batch: its size, how long it took, and how long each of its records waited to be in it. */
    void recordBatch(int size, long batchNanos, long[] waitedNanos) {
        if (size == 0) {
            return;
        }
        batchSize.record(size);
        batchDuration.record(batchNanos, TimeUnit.NANOSECONDS);
        for (long waited : waitedNanos) {
            bufferWait.record(waited, TimeUnit.NANOSECONDS);
        }
    }

    public void recordEmitted(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        emitted.increment();
    }

    void recordDeadLetter(long nanos, ErrorClass errorClass) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        deadLettered.increment();
        Counter.builder("montage.dead.letters")
                .description("Records sent to the dead-letter topic, by stage and error class")
                .tag("stage", stage)
                .tag("error_class", errorClass.name())
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
