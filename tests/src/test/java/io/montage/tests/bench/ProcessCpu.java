package io.montage.tests.bench;

import java.lang.management.ManagementFactory;

/**
 * This process's CPU time so far, all its threads together: Java's, the JVM's own (JIT, garbage
 * collectors) and native libraries' (ONNX Runtime's pool, FFmpeg). Differences over an interval
 * divided by the work done give CPU per item, whichever thread did it.
 */
final class ProcessCpu {

    private ProcessCpu() {}

    static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
