package io.montage.topology.models;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.models.audio.SileroVad;
import io.montage.models.audio.VadSettings;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.catalog.ModelCatalog;
import io.montage.models.runtime.Device;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.speech.SpeechRecognizer;
import io.montage.models.speech.WhisperRecognizer;
import io.montage.models.store.ModelFiles;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.models.text.TextEmbedder;
import io.montage.models.vision.caption.CaptionSettings;
import io.montage.models.vision.caption.Florence2Captioner;
import io.montage.models.vision.caption.Florence2Task;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.models.vision.caption.VisionEncoderDecoderCaptioner;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.models.vision.ocr.ImageTextReader;
import io.montage.models.vision.ocr.PaddleOcr;
import io.montage.processors.stage.StageId;
import io.montage.schemas.avro.ModelRef;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.config.MontageSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models this instance runs, loaded once at start and closed at shutdown. A stage whose model
 * cannot be had is left off with the reason (which file, which source failed), unless
 * {@code montage.require-all} makes that an error; a device that was asked for and cannot be used
 * is always an error (docs/architecture.md, decision 6: never a silent fall-back to CPU).
 */
public final class ModelServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelServices.class);

    /** A loaded model and the reference every record it makes carries. */
    public record Loaded<T>(T model, ModelRef ref) {}

    /** Builds a stage's model from its files. */
    @FunctionalInterface
    private interface Loader<T> {
        T load(ModelFiles files);
    }

    private final MontageSettings.ModelSettings settings;
    private final ModelStore store;
    private final ModelRuntime runtime;
    private final MeterRegistry meters;
    private final List<StageStatus> statuses = new ArrayList<>();
    private final OwnedResources opened = new OwnedResources("the stages' models");
    private Loaded<TextEmbedder> textEmbedder;
    private Loaded<ImageTextReader> textReader;
    private Loaded<ClipEmbedder> imageEmbedder;
    private Loaded<ImageCaptioner> captioner;
    private Loaded<SpeechRecognizer> speechRecognizer;
    private ZeroShotLabels imageLabels;

    private ModelServices(MontageSettings.ModelSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
        this.store = store(settings);
        this.runtime = new ModelRuntime(RuntimeSettings.cpu()
                .withDevice(Device.parse(settings.device()))
                .withThreads(settings.intraOpThreads(), 1)
                .withSpinning(settings.spinning())
                .withCpuArena(settings.cpuArena()));
    }

    public static ModelServices start(MontageSettings.ModelSettings settings, MeterRegistry meters) {
        ModelServices services = new ModelServices(settings, meters);
        try {
            services.textEmbedder = services.load(
                    StageId.TEXT_EMBED.id(),
                    settings.textEmbeddingModel(),
                    files -> SentenceTransformerEmbedder.builder()
                            .files(files)
                            .runtime(services.runtime)
                            .batching(services.batching())
                            .meterRegistry(meters)
                            .build());
            services.textReader = services.load(StageId.OCR.id(), PaddleOcr.MODEL_ID, files -> PaddleOcr.builder()
                    .files(files)
                    .runtime(services.runtime)
                    .build());
            services.imageEmbedder = services.load(
                    StageId.IMAGE_EMBED.id(), settings.imageEmbeddingModel(), files -> ClipEmbedder.builder()
                            .files(files)
                            .runtime(services.runtime)
                            .batching(services.batching())
                            .meterRegistry(meters)
                            .build());
            services.captioner = services.load(StageId.CAPTION.id(), settings.captionModel(), services::captioner);
            services.speechRecognizer = services.loadSpeech();
            if (services.imageEmbedder != null && !settings.imageLabels().isEmpty()) {
                // Label prompts are embedded once here, not per image.
                services.imageLabels = ZeroShotLabels.ofPrompts(services.imageEmbedder.model(), settings.imageLabels());
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        // The commands print one line per stage (StageReport); each file and source tried stays on
        // /ready and at debug level.
        services.statuses.forEach(s -> log.debug("Stage {}", s.describe()));
        return services;
    }

    private <T extends AutoCloseable> Loaded<T> load(String stage, String modelId, Loader<T> loader) {
        if (!settings.wants(stage)) {
            statuses.add(StageStatus.off(stage, "not in montage.stages", "not in montage.stages"));
            return null;
        }
        ModelFiles files;
        try {
            files = store.pull(modelId);
        } catch (ModelUnavailableException e) {
            return unavailable(stage, modelId, e);
        }
        T model = loader.load(files);
        opened.add(model);
        statuses.add(StageStatus.on(stage, modelId + " on " + runtime.settings().device()));
        return new Loaded<>(model, modelRef(files));
    }

    /**
     * Whisper with Silero VAD in front: both models must be had for the stage to run, and the
     * VAD's absence is reported like Whisper's.
     */
    private Loaded<SpeechRecognizer> loadSpeech() {
        if (!settings.wants(StageId.TRANSCRIBE.id())) {
            statuses.add(StageStatus.off(StageId.TRANSCRIBE.id(), "not in montage.stages", "not in montage.stages"));
            return null;
        }
        ModelFiles vadFiles;
        try {
            vadFiles = store.pull(SileroVad.MODEL_ID);
        } catch (ModelUnavailableException e) {
            return unavailable(StageId.TRANSCRIBE.id(), SileroVad.MODEL_ID, e);
        }
        SileroVad vad = SileroVad.open(runtime, vadFiles.path(SileroVad.MODEL_FILE), VadSettings.defaults());
        opened.add(vad);
        return load(StageId.TRANSCRIBE.id(), settings.speechModel(), files -> WhisperRecognizer.builder()
                .files(files)
                .runtime(runtime)
                .voiceActivityDetector(vad)
                .batching(batching())
                .meterRegistry(meters)
                .temperatureFallback(settings.speechFallback())
                .encoderPrecision(settings.speechEncoder())
                .build());
    }

    /** Florence-2 where its files are given, else the VisionEncoderDecoder (vit-gpt2) family. */
    private ImageCaptioner captioner(ModelFiles files) {
        if (files.spec().id().startsWith("florence-2")) {
            return Florence2Captioner.builder()
                    .files(files)
                    .runtime(runtime)
                    .batching(batching())
                    .task(Florence2Task.ofTag(settings.captionTask()))
                    .settings(captionLength(CaptionSettings.florence2()))
                    .meterRegistry(meters)
                    .build();
        }
        return VisionEncoderDecoderCaptioner.builder()
                .files(files)
                .runtime(runtime)
                .batching(batching())
                .settings(captionLength(CaptionSettings.vitGpt2()))
                .meterRegistry(meters)
                .build();
    }

    /** The captioner's own settings with montage.caption.max-new-tokens where it is set. */
    private CaptionSettings captionLength(CaptionSettings own) {
        return settings.captionMaxNewTokens() > 0 ? own.withMaxNewTokens(settings.captionMaxNewTokens()) : own;
    }

    /** Leaves the stage off with the store's reason, or fails where montage.require-all says so. */
    private <T> Loaded<T> unavailable(String stage, String modelId, ModelUnavailableException e) {
        if (settings.requireAll()) {
            throw new IllegalStateException(
                    "Stage " + stage + " needs model " + modelId + ": " + e.getMessage()
                            + " (montage.require-all is set)",
                    e);
        }
        statuses.add(StageStatus.off(stage, e.summary(), e.getMessage()));
        return null;
    }

    private BatchingConfig batching() {
        return BatchingConfig.defaults()
                .withMaxBatchSize(settings.maxBatchSize())
                .withMaxQueueDelay(settings.maxQueueDelay());
    }

    /** The model id, the first 12 hex digits of its first pinned ONNX file as version, and the device. */
    private ModelRef modelRef(ModelFiles files) {
        String version = files.spec().files().stream()
                .filter(f -> f.name().endsWith(".onnx") && f.sha256() != null)
                .map(f -> f.sha256().substring(0, 12))
                .findFirst()
                .orElse(null);
        return new ModelRef(
                files.spec().id(), version, runtime.settings().device().toString());
    }

    public static ModelStore store(MontageSettings.ModelSettings settings) {
        ModelCatalog catalog = ModelCatalog.builtIn();
        if (settings.extraCatalog().isPresent()) {
            Path file = settings.extraCatalog().get();
            try {
                catalog = catalog.withEntries(ModelCatalog.load(file));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "Cannot read the model catalog " + file + " (" + MontageConfig.MODELS_CATALOG + "): "
                                + e.getMessage(),
                        e);
            }
        }
        return ModelStore.builder()
                .catalog(catalog)
                .cacheDirectory(settings.cacheDir())
                .offline(settings.offline())
                .build();
    }

    public Optional<Loaded<TextEmbedder>> textEmbedder() {
        return Optional.ofNullable(textEmbedder);
    }

    public Optional<Loaded<ImageTextReader>> textReader() {
        return Optional.ofNullable(textReader);
    }

    public Optional<Loaded<ClipEmbedder>> imageEmbedder() {
        return Optional.ofNullable(imageEmbedder);
    }

    public Optional<Loaded<ImageCaptioner>> captioner() {
        return Optional.ofNullable(captioner);
    }

    public Optional<Loaded<SpeechRecognizer>> speechRecognizer() {
        return Optional.ofNullable(speechRecognizer);
    }

    /** The zero-shot labels scored against image embeddings; null where none are configured. */
    public ZeroShotLabels imageLabels() {
        return imageLabels;
    }

    public List<StageStatus> statuses() {
        return List.copyOf(statuses);
    }

    @Override
    public void close() {
        try {
            opened.close();
        } catch (RuntimeException e) {
            // shutting down: every model was still closed; the failure is worth a look, not a failed exit
            log.warn("Closing a model failed", e);
        }
    }
}
