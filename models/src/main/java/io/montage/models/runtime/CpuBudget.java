package io.montage.models.runtime;

import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cores the models of this process may keep busy at once, shared by every model call: a model
 * run takes as many permits as its session has intra-op threads, and waits while others hold them.
 *
 * <p>Why: Montage runs several models at once (OCR, embeddings, captions, speech, each in its own
 * stage, some with several workers). Each ONNX Runtime session has its own thread pool, so without
 * a budget concurrent runs would ask for several times the cores, and the operating system would
 * time-slice them all slower than running them in turn. With the budget, the threads doing model
 * work never outnumber the cores, whatever mix of stages is busy; a session's pool may still be as
 * large as the budget for the models whose operators parallelise well. The semaphore is fair, so a
 * run that needs every core is not starved by a stream of single-threaded ones.
 */
public final class CpuBudget {

    private static final Logger LOG = LoggerFactory.getLogger(CpuBudget.class);
    private static CpuBudget shared;

    private final int threads;
    private final Semaphore permits;

    private CpuBudget(int threads) {
        this.threads = threads;
        this.permits = new Semaphore(threads, true);
    }

    /**
     * The process's budget; the first call sets its size ({@code threads}, 0 = one per available core),
     * later calls get the same one.
     */
    public static synchronized CpuBudget shared(int threads) {
        int wanted = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (shared == null) {
            shared = new CpuBudget(wanted);
        } else if (wanted != shared.threads && threads > 0) {
            LOG.warn(
                    "the model CPU budget already has {} threads; a request for {} is ignored (one budget per "
                            + "process)",
                    shared.threads,
                    wanted);
        }
        return shared;
    }

    public int threads() {
        return threads;
    }

    /** Held while a model runs; closing it returns the permits. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for {@code count} permits (at most the whole budget). */
    public Hold acquire(int count) throws InterruptedException {
        int taken = Math.min(Math.max(1, count), threads);
        permits.acquire(taken);
        return () -> permits.release(taken);
    }
}
