package io.montage.models.vision.caption;

import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.preprocess.ImagePreprocessing;

/**
 * The options every captioner's builder takes, with each family's defaults; {@code B} is the
 * concrete builder, so the fluent calls keep its type.
 */
abstract class CaptionerOptions<B extends CaptionerOptions<B>> {

    ModelFiles files;
    ModelRuntime runtime;
    BatchingConfig batching = BatchingConfig.defaults();
    MeterRegistry registry = Metrics.globalRegistry;
    CaptionSettings settings;
    ImagePreprocessing preprocessing;

    CaptionerOptions(CaptionSettings settings, ImagePreprocessing preprocessing) {
        this.settings = settings;
        this.preprocessing = preprocessing;
    }

    /** The model's cached files, from {@code ModelStore.pull(id)}. */
    public B files(ModelFiles files) {
        this.files = files;
        return self();
    }

    public B runtime(ModelRuntime runtime) {
        this.runtime = runtime;
        return self();
    }

    public B batching(BatchingConfig batching) {
        this.batching = Objects.requireNonNull(batching);
        return self();
    }

    public B settings(CaptionSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        return self();
    }

    /** Must give a fixed size so that images batch together. */
    public B preprocessing(ImagePreprocessing preprocessing) {
        this.preprocessing = Objects.requireNonNull(preprocessing);
        return self();
    }

    public B meterRegistry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
        return self();
    }

    /** Checks what every captioner needs; a CPU runtime where none was given. */
    void validate(String defaultModelId) {
        Objects.requireNonNull(files, "files(ModelFiles) is required: get them from ModelStore.pull(\"" + defaultModelId
                + "\")");
        InputTensors.requireFixedSize(preprocessing);
        if (runtime == null) {
            runtime = new ModelRuntime(RuntimeSettings.cpu());
        }
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
