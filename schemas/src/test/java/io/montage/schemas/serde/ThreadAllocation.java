package io.montage.schemas.serde;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated so far, to hold a decode to an allocation budget. */
final class ThreadAllocation {

    private ThreadAllocation() {}

    static long bytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
