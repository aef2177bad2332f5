package io.montage.models.vision.clip;

import io.montage.models.batching.DynamicBatcher;
import io.montage.models.batching.Timed;
import io.montage.models.catalog.ConfigConstants;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.ModelOptions;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.ModelSetup;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.text.BatchExecution;
import io.montage.models.text.BatchedTextEmbedder;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.ResizeTarget;
import io.montage.models.vision.preprocess.Size;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * {@link ImageTextEmbedder} over the two CLIP towers of a Transformers.js export
 * (Xenova/clip-vit-base-patch32: {@code vision_model*.onnx}, {@code text_model*.onnx}, {@code tokenizer.json}).
 * Each tower has its own {@link DynamicBatcher}; outputs are L2-normalised.
 *
 * <p>Catalog {@code config} keys: {@code logitScale} (default {@value ZeroShotLabels#CLIP_LOGIT_SCALE}),
 * {@code maxTextLength} (default {@value #CLIP_CONTEXT_LENGTH}), {@code batchExecution} ({@code padded} or
 * {@code per-item} for the vision tower). Either tower runs per item whenever its graph quantises dynamically
 * ({@code DynamicQuantizeLinear}, which makes an item's vector depend on its batch companions, see
 * {@link BatchExecution}), whatever the catalog says.
 */
public final class ClipEmbedder extends BatchedTextEmbedder implements ImageTextEmbedder {

    /** openai/clip-vit-base-patch32 config.json text_config.max_position_embeddings. */
    static final int CLIP_CONTEXT_LENGTH = 77;

    static final String TOKENIZER_FILE = "tokenizer.json";
    static final String PREPROCESSOR_CONFIG_FILE = "preprocessor_config.json";
    static final String VISION_FILE_PREFIX = "vision_model";
    static final String TEXT_FILE_PREFIX = "text_model";

    private final String modelId;
    private final double logitScale;
    private final ClipTokenizer tokenizer;
    private final ModelSession vision;
    private final ModelSession text;
    private final ClipImageTask imageTask;
    private final DynamicBatcher<BufferedImage, float[]> imageBatcher;
    private final DynamicBatcher<String, float[]> textBatcher;
    private final OwnedResources resources;

    private ClipEmbedder(Builder b, ModelSetup setup) {
        ModelSpec spec = setup.files().spec();
        this.modelId = spec.id();
        this.logitScale = Double.parseDouble(
                spec.configValue("logitScale").orElse(String.valueOf(ZeroShotLabels.CLIP_LOGIT_SCALE)));
        int maxTextLength =
                Integer.parseInt(spec.configValue("maxTextLength").orElse(String.valueOf(CLIP_CONTEXT_LENGTH)));
        String visionFile = towerFile(spec, VISION_FILE_PREFIX);
        String textFile = towerFile(spec, TEXT_FILE_PREFIX);
        BatchExecution execution = b.execution != null
                ? b.execution
                : spec.configValue("batchExecution")
                        .map(BatchExecution::parse)
                        .orElse(BatchExecution.PADDED)
                        .and(BatchExecution.forGraph(setup.files().path(visionFile)));
        ImagePreprocessing preprocessing = b.preprocessing;
        if (preprocessing == ImagePreprocessing.CLIP
                && spec.file(PREPROCESSOR_CONFIG_FILE).isPresent()) {
            ConfigConstants.require(
                    modelId, setup.files().path(PREPROCESSOR_CONFIG_FILE), preprocessing.configConstants());
        }
        Size input = preprocessing.outputSizeFor(1, 1);
        try (OwnedResources opening = new OwnedResources("model '" + modelId + "'")) {
            this.tokenizer =
                    opening.add(new ClipTokenizer(modelId, setup.files().path(TOKENIZER_FILE), maxTextLength));
            this.vision = opening.add(setup.runtime()
                    .open(
                            modelId + "/" + VISION_FILE_PREFIX,
                            setup.files().path(visionFile),
                            ClipImageTask.warmUp(input.height(), input.width()),
                            execution.parallelism()));
            this.text = opening.add(setup.runtime()
                    .open(
                            modelId + "/" + TEXT_FILE_PREFIX,
                            setup.files().path(textFile),
                            ClipTextTask.warmUp(tokenizer.startId(), tokenizer.endId())));
            this.imageTask = new ClipImageTask(vision, new ImagePreprocessor(preprocessing), execution);
            ClipTextTask textTask = new ClipTextTask(text, tokenizer);
            this.imageBatcher = opening.add(DynamicBatcher.create(
                    modelId + "/" + VISION_FILE_PREFIX,
                    imageTask,
                    execution.batching(setup.batching(), setup.runtime().budget()),
                    setup.registry()));
            // The text tower always runs a padded batch: a dynamically quantised one must see one text per call.
            this.textBatcher = opening.add(DynamicBatcher.create(
                    modelId + "/" + TEXT_FILE_PREFIX,
                    BatchExecution.forSessions(text).apply(textTask),
                    setup.batching(),
                    setup.registry()));
            this.resources = opening.handOver();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The one .onnx file of the catalog entry whose name starts with {@code prefix} (vision_model_quantized.onnx…). */
    private static String towerFile(ModelSpec spec, String prefix) {
        List<String> matches = spec.files().stream()
                .map(ModelFile::name)
                .filter(n -> n.startsWith(prefix) && n.endsWith(".onnx"))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("model '" + spec.id() + "' must list exactly one " + prefix
                    + "*.onnx file in the" + " catalog, it lists " + matches + " (files: "
                    + spec.files().stream().map(ModelFile::name).toList() + ")");
        }
        return matches.get(0);
    }

    @Override
    public float[] embedImage(BufferedImage image) {
        return imageBatcher.process(image);
    }

    @Override
    public Timed<float[]> embedImageTimed(BufferedImage image) {
        return imageBatcher.processTimed(image);
    }

    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
        return imageBatcher.processAll(images);
    }

    @Override
    public List<Timed<float[]>> embedImagesTimed(List<BufferedImage> images) {
        return imageBatcher.processAllTimed(images);
    }

    @Override
    protected DynamicBatcher<String, float[]> textBatcher() {
        return textBatcher;
    }

    @Override
    public int dimension() {
        return imageTask.dimension();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public double logitScale() {
        return logitScale;
    }

    /** Drains pending requests of both towers, then closes the sessions and the tokenizer. */
    @Override
    public void close() {
        resources.close();
    }

    /** Needs both towers and tokenizer.json among the files; batching applies to each tower's batcher. */
    public static final class Builder extends ModelOptions<Builder> {
        private BatchExecution execution;
        private ImagePreprocessing preprocessing = ImagePreprocessing.CLIP;

        /** Overrides the catalog's {@code batchExecution} for the vision tower. */
        public Builder batchExecution(BatchExecution execution) {
            this.execution = execution;
            return this;
        }

        /** Defaults to {@link ImagePreprocessing#CLIP}; must produce a fixed-size tensor (crop or exact resize). */
        public Builder preprocessing(ImagePreprocessing preprocessing) {
            this.preprocessing = Objects.requireNonNull(preprocessing);
            return this;
        }

        public ClipEmbedder build() {
            ModelSetup setup = setup("clip-vit-base-patch32");
            if (preprocessing.centerCrop() == null && !(preprocessing.resize() instanceof ResizeTarget.Exact)) {
                throw new IllegalArgumentException(
                        "CLIP preprocessing must give a fixed size (a centre crop or an exact resize) so images"
                                + " batch together; got " + preprocessing);
            }
            return new ClipEmbedder(this, setup);
        }
    }
}
