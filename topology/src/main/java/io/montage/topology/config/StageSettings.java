package io.montage.topology.config;

import java.time.Duration;

/**
 * How one stage's application runs: {@code montage.stage.<stage>.threads},
 * {@code montage.stage.<stage>.batch.max-size} and {@code montage.stage.<stage>.batch.max-delay}.
 *
 * @param threads       Kafka Streams threads of the stage's application in this instance
 * @param batchMaxSize  most records a batching stage runs its model on at once
 * @param batchMaxDelay how long a record waits for companions before a partial batch runs
 */
public record StageSettings(int threads, int batchMaxSize, Duration batchMaxDelay) {

    public StageSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("a stage needs at least one thread, was " + threads);
        }
        if (batchMaxSize < 1) {
            throw new IllegalArgumentException("batch.max-size must be at least 1, was " + batchMaxSize);
        }
    }
}
