package io.montage.models.speech;

import io.montage.models.batching.Timed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A clip's timing from its windows': the model time is the run time of every model call that held
 * one of its windows, each call counted once however many of the clip's windows it held; the queue
 * wait is its first window's, the time before any work on the clip began; the batch size is that of
 * the largest call it rode in. Its batch number is 0: it may span calls. A clip with no windows
 * (no speech found) never reached the model: 0 throughout.
 */
final class ClipTiming {

    private ClipTiming() {}

    static <T> Timed<T> of(T value, List<? extends Timed<?>> windows) {
        if (windows.isEmpty()) {
            return new Timed<>(value, 0, 0, 0, 0);
        }
        long queue = Long.MAX_VALUE;
        long run = 0;
        int largest = 0;
        Set<Long> counted = new HashSet<>();
        for (Timed<?> window : windows) {
            queue = Math.min(queue, window.queueNanos());
            largest = Math.max(largest, window.batchSize());
            if (counted.add(window.batch())) {
                run += window.runNanos();
            }
        }
        return new Timed<>(value, queue, run, largest, 0);
    }
}
