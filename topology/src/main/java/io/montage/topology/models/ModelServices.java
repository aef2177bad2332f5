package io.montage.topology.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.Device;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.models.text.TextEmbedder;
import io.montage.schemas.avro.ModelRef;
import io.montage.topology.config.MontageSettings;

/**
 * The models this instance runs, loaded once at start and closed at shutdown. A stage whose model
 * cannot be had is left off with the reason (which file, which source failed), unless
 * {@code montage.require-all} makes that an error; a device that was asked for and cannot be used
 * is always an error (DESIGN decision 6: never a silent fall-back to CPU).
 */
public final class ModelServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelServices.class);

    private final TextEmbedder textEmbedder;
    private final ModelRef textEmbeddingModel;
    private final List<StageStatus> statuses;

    private ModelServices(TextEmbedder textEmbedder, ModelRef textEmbeddingModel, List<StageStatus> statuses) {
        this.textEmbedder = textEmbedder;
        this.textEmbeddingModel = textEmbeddingModel;
        this.statuses = List.copyOf(statuses);
    }

    public static ModelServices start(MontageSettings.ModelSettings settings, MeterRegistry meters) {
        ModelStore store = store(settings);
        ModelRuntime runtime = new ModelRuntime(RuntimeSettings.cpu().withDevice(Device.parse(settings.device()))
                .withThreads(settings.intraOpThreads(), 1));
        BatchingConfig batching = BatchingConfig.defaults().withMaxBatchSize(settings.maxBatchSize())
                .withMaxQueueDelay(settings.maxQueueDelay());
        List<StageStatus> statuses = new ArrayList<>();
        TextEmbedder embedder = null;
        ModelRef textEmbeddingModel = null;
        String modelId = settings.textEmbeddingModel();
        try {
            ModelFiles files = store.pull(modelId);
            embedder = SentenceTransformerEmbedder.builder().files(files).runtime(runtime).batching(batching)
                    .meterRegistry(meters).build();
            textEmbeddingModel = modelRef(files, runtime);
            statuses.add(new StageStatus("text-embed", true, modelId + " on " + settings.device()));
        } catch (ModelUnavailableException e) {
            if (settings.requireAll()) {
                throw new IllegalStateException("Stage text-embed needs model " + modelId + ": " + e.getMessage()
                        + " (montage.require-all is set)", e);
            }
            statuses.add(new StageStatus("text-embed", false, e.getMessage()));
        }
        statuses.forEach(s -> log.info("Stage {}", s.describe()));
        return new ModelServices(embedder, textEmbeddingModel, statuses);
    }

    /** The model id, the first 12 hex digits of its ONNX file's pinned sha256 as version, and the device. */
    private static ModelRef modelRef(ModelFiles files, ModelRuntime runtime) {
        String version = files.spec().files().stream().filter(f -> f.name().endsWith(".onnx") && f.sha256() != null)
                .map(f -> f.sha256().substring(0, 12)).findFirst().orElse(null);
        return new ModelRef(files.spec().id(), version, runtime.settings().device().toString());
    }

    public static ModelStore store(MontageSettings.ModelSettings settings) {
        return ModelStore.builder().cacheDirectory(settings.cacheDir()).offline(settings.offline()).build();
    }

    public Optional<TextEmbedder> textEmbedder() {
        return Optional.ofNullable(textEmbedder);
    }

    public ModelRef textEmbeddingModel() {
        return textEmbeddingModel;
    }

    public List<StageStatus> statuses() {
        return statuses;
    }

    @Override
    public void close() {
        if (textEmbedder != null) {
            textEmbedder.close();
        }
    }
}
