package io.montage.models.vision.caption;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.Timed;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.LogitsProcessor;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.generation.NoRepeatNGram;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.Size;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link ImageCaptioner} over a Transformers.js VisionEncoderDecoder export (Xenova/vit-gpt2-image-captioning:
 * {@code encoder_model*.onnx}, {@code decoder_model_merged*.onnx}, {@code tokenizer.json}; EXPORT_SPECS §2): ViT
 * preprocessing, the encoder, then the merged GPT-2 decoder through the generation core, decoded with GPT-2's
 * byte-level BPE.
 */
public final class VisionEncoderDecoderCaptioner implements ImageCaptioner {

    /**
     * Xenova/vit-gpt2-image-captioning generation_config.json: bos = decoder_start = eos = pad = 50256
     * ({@code <|endoftext|>}).
     */
    static final long GPT2_END_OF_TEXT = 50256;
    static final String ENCODER_PREFIX = "encoder_model";
    static final String DECODER_PREFIX = "decoder_model_merged";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private final String modelId;
    private final CaptionTask task;
    private final BatchedCaptions captions;

    private VisionEncoderDecoderCaptioner(Builder b) {
        ModelSpec spec = b.files.spec();
        this.modelId = spec.id();
        Size input = b.preprocessing.outputSizeFor(1, 1);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            CaptionTokenizer tokenizer = CaptionTokenizer.open(b.files.path(TOKENIZER_FILE), modelId);
            opened.add(tokenizer);
            ModelSession encoder = b.runtime.open(modelId + "/encoder", b.files.path(ExportFiles.onnx(spec, ENCODER_PREFIX)),
                    VisionWarmUp.blackImage(VitEncoder.PIXEL_VALUES, input.height(), input.width()));
            opened.add(0, encoder);
            ModelSession decoder = b.runtime.open(modelId + "/decoder", b.files.path(ExportFiles.onnx(spec, DECODER_PREFIX)),
                    ModelRuntime.WarmUp.ZEROS);
            opened.add(0, decoder);
            this.task = new CaptionTask(modelId, "", new ImagePreprocessor(b.preprocessing), new VitEncoder(encoder),
                    new EncoderDecoderGenerator(new MergedDecoder(decoder)), new long[] {GPT2_END_OF_TEXT},
                    generationConfig(b.settings), ids -> tokenizer.decodeSkippingSpecialTokens(ids).strip());
            this.captions = new BatchedCaptions(modelId, task, b.batching, b.registry, opened);
        } catch (RuntimeException e) {
            BatchedCaptions.closeAll(opened);
            throw e;
        }
    }

    static GenerationConfig generationConfig(CaptionSettings settings) {
        List<LogitsProcessor> processors = settings.noRepeatNGramSize() > 0
                ? List.of(new NoRepeatNGram(settings.noRepeatNGramSize())) : List.of();
        return new GenerationConfig(settings.search(), settings.maxNewTokens(), GPT2_END_OF_TEXT, GPT2_END_OF_TEXT, processors,
                true, -1);
    }

    public static Builder builder() {
        return new Builder();
    }

    CaptionTask task() {
        return task;
    }

    @Override
    public Caption caption(BufferedImage image) {
        return captions.caption(image);
    }

    @Override
    public Timed<Caption> captionTimed(BufferedImage image) {
        return captions.captionTimed(image);
    }

    @Override
    public List<Caption> captionAll(List<BufferedImage> images) {
        return captions.captionAll(images);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** Drains pending requests, then closes the sessions and the tokenizer. */
    @Override
    public void close() {
        captions.close();
    }

    public static final class Builder {
        private ModelFiles files;
        private ModelRuntime runtime;
        private BatchingConfig batching = BatchingConfig.defaults();
        private MeterRegistry registry = Metrics.globalRegistry;
        private CaptionSettings settings = CaptionSettings.vitGpt2();
        private ImagePreprocessing preprocessing = ImagePreprocessing.VIT_GPT2;

        /** From {@code ModelStore.pull("vit-gpt2-image-captioning")}: encoder, merged decoder and tokenizer.json. */
        public Builder files(ModelFiles files) {
            this.files = files;
            return this;
        }

        public Builder runtime(ModelRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        public Builder batching(BatchingConfig batching) {
            this.batching = Objects.requireNonNull(batching);
            return this;
        }

        /** Defaults to {@link CaptionSettings#vitGpt2()} (greedy, 19 new tokens); the model card suggests 4 beams. */
        public Builder settings(CaptionSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        /** Defaults to {@link ImagePreprocessing#VIT_GPT2}; must give a fixed size so that images batch together. */
        public Builder preprocessing(ImagePreprocessing preprocessing) {
            this.preprocessing = Objects.requireNonNull(preprocessing);
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        public VisionEncoderDecoderCaptioner build() {
            Objects.requireNonNull(files, "files(ModelFiles) is required: get them from ModelStore.pull(\"vit-gpt2-image-captioning\")");
            InputTensors.requireFixedSize(preprocessing);
            if (runtime == null) {
                runtime = new ModelRuntime(RuntimeSettings.cpu());
            }
            return new VisionEncoderDecoderCaptioner(this);
        }
    }
}
