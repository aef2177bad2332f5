package io.montage.models.batching;

import java.time.Duration;

/**
 * Triton's dynamic-batching knobs plus Montage's request timeout.
 *
 * @param maxBatchSize   most items in one model call
 * @param maxQueueDelay  how long the oldest queued item may wait for companions before its batch runs
 * @param queueCapacity  queued items before callers block (backpressure)
 * @param requestTimeout total time a caller waits (blocked on a full queue, queued, running)
 * @param workers        threads running batches; 1 keeps one model call at a time
 */
public record BatchingConfig(
        int maxBatchSize, Duration maxQueueDelay, int queueCapacity, Duration requestTimeout, int workers) {

    public BatchingConfig {
        if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("maxBatchSize, queueCapacity and workers must be >= 1, got "
                    + maxBatchSize + ", " + queueCapacity + ", " + workers);
        }
        if (maxQueueDelay.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("maxQueueDelay must be >= 0 and requestTimeout > 0, got " + maxQueueDelay
                    + " and " + requestTimeout);
        }
    }

    /** 32 items, 5 ms delay, 256 queued, 30 s timeout, one worker: a CPU default. */
    public static BatchingConfig defaults() {
        return new BatchingConfig(32, Duration.ofMillis(5), 256, Duration.ofSeconds(30), 1);
    }

    public BatchingConfig withMaxBatchSize(int size) {
        return new BatchingConfig(size, maxQueueDelay, queueCapacity, requestTimeout, workers);
    }

    public BatchingConfig withMaxQueueDelay(Duration delay) {
        return new BatchingConfig(maxBatchSize, delay, queueCapacity, requestTimeout, workers);
    }

    public BatchingConfig withQueueCapacity(int capacity) {
        return new BatchingConfig(maxBatchSize, maxQueueDelay, capacity, requestTimeout, workers);
    }

    public BatchingConfig withRequestTimeout(Duration timeout) {
        return new BatchingConfig(maxBatchSize, maxQueueDelay, queueCapacity, timeout, workers);
    }

    public BatchingConfig withWorkers(int count) {
        return new BatchingConfig(maxBatchSize, maxQueueDelay, queueCapacity, requestTimeout, count);
    }
}
