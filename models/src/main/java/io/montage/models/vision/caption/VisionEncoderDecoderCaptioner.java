package io.montage.models.vision.caption;

import io.montage.models.catalog.ConfigConstants;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.LogitsProcessor;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.generation.NoRepeatNGram;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.ModelSetup;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.Size;
import java.util.List;

/**
 * {@link ImageCaptioner} over a Transformers.js VisionEncoderDecoder export (Xenova/vit-gpt2-image-captioning:
 * {@code encoder_model*.onnx}, {@code decoder_model_merged*.onnx}, {@code tokenizer.json}; docs/model-exports.md §2): ViT
 * preprocessing, the encoder, then the merged GPT-2 decoder through the generation core, decoded with GPT-2's
 * byte-level BPE.
 */
public final class VisionEncoderDecoderCaptioner extends BatchedCaptioner {

    /**
     * Xenova/vit-gpt2-image-captioning generation_config.json: bos = decoder_start = eos = pad = 50256
     * ({@code <|endoftext|>}).
     */
    static final long GPT2_END_OF_TEXT = 50256;

    static final String ENCODER_PREFIX = "encoder_model";
    static final String DECODER_PREFIX = "decoder_model_merged";
    static final String TOKENIZER_FILE = "tokenizer.json";
    static final String PREPROCESSOR_CONFIG_FILE = "preprocessor_config.json";

    private final CaptionTask task;

    private VisionEncoderDecoderCaptioner(CaptionTask task, BatchedCaptions captions) {
        super(task.modelId(), captions);
        this.task = task;
    }

    private static VisionEncoderDecoderCaptioner assemble(Builder b, ModelSetup setup) {
        ModelSpec spec = setup.files().spec();
        String modelId = spec.id();
        Size input = b.preprocessing.outputSizeFor(1, 1);
        try (OwnedResources opened = new OwnedResources("model '" + modelId + "'")) {
            if (b.preprocessing == ImagePreprocessing.VIT_GPT2
                    && spec.file(PREPROCESSOR_CONFIG_FILE).isPresent()) {
                ConfigConstants.require(
                        modelId, setup.files().path(PREPROCESSOR_CONFIG_FILE), b.preprocessing.configConstants());
            }
            CaptionTokenizer tokenizer =
                    opened.add(CaptionTokenizer.open(setup.files().path(TOKENIZER_FILE), modelId));
            ModelSession encoder = opened.add(setup.runtime()
                    .open(
                            modelId + "/encoder",
                            setup.files().path(ExportFiles.onnx(spec, ENCODER_PREFIX)),
                            VisionWarmUp.blackImage(VitEncoder.PIXEL_VALUES, input.height(), input.width())));
            ModelSession decoder = opened.add(setup.runtime()
                    .open(
                            modelId + "/decoder",
                            setup.files().path(ExportFiles.onnx(spec, DECODER_PREFIX)),
                            ModelRuntime.WarmUp.ZEROS));
            CaptionTask task = new CaptionTask(
                    modelId,
                    "",
                    new ImagePreprocessor(b.preprocessing),
                    new VitEncoder(encoder),
                    new EncoderDecoderGenerator(new MergedDecoder(decoder)),
                    new long[] {GPT2_END_OF_TEXT},
                    generationConfig(b.settings),
                    ids -> tokenizer.decodeSkippingSpecialTokens(ids).strip());
            return new VisionEncoderDecoderCaptioner(
                    task,
                    new BatchedCaptions(modelId, task, setup.batching(), setup.registry(), opened, encoder, decoder));
        }
    }

    static GenerationConfig generationConfig(CaptionSettings settings) {
        List<LogitsProcessor> processors =
                settings.noRepeatNGramSize() > 0 ? List.of(new NoRepeatNGram(settings.noRepeatNGramSize())) : List.of();
        return new GenerationConfig(
                settings.search(), settings.maxNewTokens(), GPT2_END_OF_TEXT, GPT2_END_OF_TEXT, processors, true, -1);
    }

    public static Builder builder() {
        return new Builder();
    }

    CaptionTask task() {
        return task;
    }

    /** Defaults: {@link CaptionSettings#vitGpt2()} (greedy, 19 new tokens; the model card suggests 4 beams) and
     * {@link ImagePreprocessing#VIT_GPT2}. Files: encoder, merged decoder and tokenizer.json. */
    public static final class Builder extends CaptionerOptions<Builder> {

        Builder() {
            super(CaptionSettings.vitGpt2(), ImagePreprocessing.VIT_GPT2);
        }

        public VisionEncoderDecoderCaptioner build() {
            return assemble(this, validate("vit-gpt2-image-captioning"));
        }
    }
}
