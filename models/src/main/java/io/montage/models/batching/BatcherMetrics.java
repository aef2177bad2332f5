package io.montage.models.batching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.BlockingQueue;

/** Micrometer meters of one batcher, tagged with the model name. */
final class BatcherMetrics {

    final DistributionSummary batchSize;
    final Timer queueWait;
    final Timer run;
    final Counter batchErrors;
    final Counter timeouts;
    final Counter requests;

    BatcherMetrics(MeterRegistry registry, String model, BlockingQueue<?> queue) {
        batchSize = DistributionSummary.builder("montage.model.batch.size")
                .description("items per model call")
                .tag("model", model)
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry);
        queueWait = Timer.builder("montage.model.queue.wait")
                .description("time from enqueue to the start of its batch")
                .tag("model", model)
                .register(registry);
        run = Timer.builder("montage.model.run")
                .description("model call time per batch")
                .tag("model", model)
                .register(registry);
        batchErrors = Counter.builder("montage.model.errors")
                .description("failed requests")
                .tag("model", model)
                .tag("kind", "batch_failed")
                .register(registry);
        timeouts = Counter.builder("montage.model.errors")
                .description("failed requests")
                .tag("model", model)
                .tag("kind", "timeout")
                .register(registry);
        requests = Counter.builder("montage.model.requests")
                .description("requests accepted")
                .tag("model", model)
                .register(registry);
        Gauge.builder("montage.model.queue.depth", queue, BlockingQueue::size)
                .description("requests waiting for a batch")
                .tag("model", model)
                .register(registry);
    }
}
