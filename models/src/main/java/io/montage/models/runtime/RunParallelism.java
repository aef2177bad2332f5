package io.montage.models.runtime;

/**
 * Where a model's parallelism comes from on the CPU.
 */
public enum RunParallelism {
    /**
     * Inside each run: the session's intra-op pool spreads one run's operators over the budget's cores.
     * Right for large runs (a batch of images, a 30 s audio window, an OCR page).
     */
    WITHIN_RUN,
    /**
     * Across runs: each run is single-threaded and several run at once, one per worker. Right for many
     * small runs (a short text, run per item because the model is dynamically quantised), whose
     * operators are too small to split: on 2 cores the int8 MiniLM embeds 1,135 texts/s as two
     * single-threaded workers against 424/s as one run on two threads (spinning off).
     */
    ACROSS_RUNS
}
