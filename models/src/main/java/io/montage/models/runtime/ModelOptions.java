package io.montage.models.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.store.ModelFiles;
import java.util.Objects;

/**
 * The options every batched model's builder takes — its files, the runtime that opens them, the
 * dynamic-batching knobs and the meter registry — with their defaults. {@code B} is the concrete
 * builder, so chained calls keep its type and its own options.
 */
public abstract class ModelOptions<B extends ModelOptions<B>> {

    private ModelFiles files;
    private ModelRuntime runtime;
    private BatchingConfig batching;
    private MeterRegistry registry = Metrics.globalRegistry;

    protected ModelOptions() {
        this(BatchingConfig.defaults());
    }

    /** @param defaultBatching the family's own batching defaults, where {@link BatchingConfig#defaults()} do not fit */
    protected ModelOptions(BatchingConfig defaultBatching) {
        this.batching = Objects.requireNonNull(defaultBatching);
    }

    /** The model's cached files, from {@code ModelStore.pull(id)} or {@code resolve(id)}. */
    public B files(ModelFiles files) {
        this.files = files;
        return self();
    }

    /** Defaults to a CPU runtime. */
    public B runtime(ModelRuntime runtime) {
        this.runtime = runtime;
        return self();
    }

    public B batching(BatchingConfig batching) {
        this.batching = Objects.requireNonNull(batching);
        return self();
    }

    /** Defaults to Micrometer's global registry. */
    public B meterRegistry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
        return self();
    }

    /**
     * The checked setup for {@code build()}.
     *
     * @param modelId the catalog id to name in the error when no files were given
     */
    protected ModelSetup setup(String modelId) {
        Objects.requireNonNull(
                files, "files(ModelFiles) is required: get them from ModelStore.pull(\"" + modelId + "\")");
        return new ModelSetup(
                files, runtime != null ? runtime : new ModelRuntime(RuntimeSettings.cpu()), batching, registry);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
