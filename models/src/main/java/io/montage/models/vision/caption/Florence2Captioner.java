package io.montage.models.vision.caption;

import ai.onnxruntime.OrtException;
import io.montage.models.catalog.ConfigConstants;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.ForcedTokens;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.LogitsProcessor;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.generation.NoRepeatNGram;
import io.montage.models.runtime.ModelLoadException;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.ModelSetup;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ImageCaptioner} over onnx-community/Florence-2-base-ft's four files ({@code vision_encoder*},
 * {@code embed_tokens*}, {@code encoder_model*}, {@code decoder_model_merged*} .onnx, and {@code tokenizer.json};
 * docs/model-exports.md §4): 768×768 bicubic ImageNet preprocessing, image features followed by the task sentence into the
 * encoder, then the merged decoder fed with {@code embed_tokens} embeddings of every new token. One captioner asks
 * one task, so a batch shares one prompt.
 */
public final class Florence2Captioner extends BatchedCaptioner {

    /** onnx-community/Florence-2-base-ft generation_config.json {@code decoder_start_token_id}: {@code </s>}. */
    static final long DECODER_START = 2;
    /** Same file, {@code eos_token_id} and {@code forced_eos_token_id}: {@code </s>}. */
    static final long EOS = 2;
    /** Same file, {@code pad_token_id}. */
    static final long PAD = 1;
    /** Same file, {@code forced_bos_token_id}: the first generated token is {@code <s>}. */
    static final long FORCED_BOS = 0;

    static final String VISION_PREFIX = "vision_encoder";
    static final String EMBED_PREFIX = "embed_tokens";
    static final String ENCODER_PREFIX = "encoder_model";
    static final String DECODER_PREFIX = "decoder_model_merged";
    static final String TOKENIZER_FILE = "tokenizer.json";
    /** Its {@code clean_up_tokenization_spaces} decides whether decoded text is cleaned up ({@link TokenizationSpaces}). */
    static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";

    static final String GENERATION_CONFIG_FILE = "generation_config.json";
    static final String PREPROCESSOR_CONFIG_FILE = "preprocessor_config.json";
    /** Florence2Processor decodes with special tokens, then drops these (docs/model-exports.md §4: raw output begins {@code </s><s>}). */
    private static final List<String> MARKERS = List.of("<s>", "</s>", "<pad>");

    private final Florence2Prompt prompt;
    private final CaptionTask task;

    private Florence2Captioner(Florence2Prompt prompt, CaptionTask task, BatchedCaptions captions) {
        super(task.modelId(), captions);
        this.prompt = prompt;
        this.task = task;
    }

    private static Florence2Captioner assemble(Builder b, ModelSetup setup) {
        ModelSpec spec = setup.files().spec();
        String modelId = spec.id();
        Size input = b.preprocessing.outputSizeFor(1, 1);
        try (OwnedResources opened = new OwnedResources("model '" + modelId + "'")) {
            requireConfigConstants(setup.files(), b.preprocessing);
            CaptionTokenizer tokenizer =
                    opened.add(CaptionTokenizer.open(setup.files().path(TOKENIZER_FILE), modelId));
            boolean cleanUp = TokenizationSpaces.configured(
                    spec.file(TOKENIZER_CONFIG_FILE).isPresent() ? setup.files().path(TOKENIZER_CONFIG_FILE) : null);
            ModelSession vision = open(
                    setup,
                    opened,
                    VISION_PREFIX,
                    VisionWarmUp.blackImage(Florence2Encoder.PIXEL_VALUES, input.height(), input.width()));
            ModelSession embed = open(setup, opened, EMBED_PREFIX, ModelRuntime.WarmUp.ZEROS);
            ModelSession encoder = open(setup, opened, ENCODER_PREFIX, ModelRuntime.WarmUp.ZEROS);
            ModelSession decoder = open(setup, opened, DECODER_PREFIX, ModelRuntime.WarmUp.ZEROS);
            EmbedTokens embedTokens = new EmbedTokens(embed);
            Florence2Prompt prompt = Florence2Prompt.of(b.task, tokenizer);
            Florence2Encoder encoderSide = new Florence2Encoder(vision, encoder, embedTokens, prompt);
            CaptionTask task = new CaptionTask(
                    modelId,
                    b.task.tag(),
                    new ImagePreprocessor(b.preprocessing),
                    encoderSide,
                    new EncoderDecoderGenerator(new MergedDecoder(decoder, embedTokens)),
                    new long[] {DECODER_START},
                    generationConfig(b.settings),
                    ids -> text(tokenizer.decodeKeepingSpecialTokens(ids), cleanUp));
            return new Florence2Captioner(
                    prompt,
                    task,
                    new BatchedCaptions(
                            modelId + "/" + b.task.tag(),
                            task,
                            setup.batching(),
                            setup.registry(),
                            opened,
                            vision,
                            embed,
                            encoder,
                            decoder));
        } catch (OrtException e) {
            throw new ModelLoadException(
                    "model '" + modelId + "': embedding the " + b.task.tag() + " prompt failed: " + e.getMessage(), e);
        }
    }

    /**
     * The token ids above and, with the default preprocessing, its mean, std, rescale and resample, checked against
     * the model's own generation_config.json and preprocessor_config.json where the catalog lists them.
     */
    static void requireConfigConstants(ModelFiles files, ImagePreprocessing preprocessing) {
        String modelId = files.spec().id();
        if (files.spec().file(GENERATION_CONFIG_FILE).isPresent()) {
            ConfigConstants.require(
                    modelId,
                    files.path(GENERATION_CONFIG_FILE),
                    Map.of(
                            "decoder_start_token_id",
                            ConfigConstants.of(DECODER_START),
                            "eos_token_id",
                            ConfigConstants.of(EOS),
                            "forced_eos_token_id",
                            ConfigConstants.of(EOS),
                            "pad_token_id",
                            ConfigConstants.of(PAD),
                            "forced_bos_token_id",
                            ConfigConstants.of(FORCED_BOS)));
        }
        if (preprocessing == ImagePreprocessing.FLORENCE_2
                && files.spec().file(PREPROCESSOR_CONFIG_FILE).isPresent()) {
            ConfigConstants.require(modelId, files.path(PREPROCESSOR_CONFIG_FILE), preprocessing.configConstants());
        }
    }

    /** Opened after the tokenizer, so closed before it. */
    private static ModelSession open(
            ModelSetup setup, OwnedResources opened, String prefix, ModelRuntime.WarmUp warmUp) {
        String file = ExportFiles.onnx(setup.files().spec(), prefix);
        return opened.add(setup.runtime()
                .open(setup.files().spec().id() + "/" + prefix, setup.files().path(file), warmUp));
    }

    /**
     * generation_config.json's rules: no repeated n-grams, {@code <s>} forced first and {@code </s>} forced at the last
     * allowed position (transformers' ForcedEOSTokenLogitsProcessor fires at max_length - 1).
     */
    static GenerationConfig generationConfig(CaptionSettings settings) {
        List<LogitsProcessor> processors = new ArrayList<>();
        if (settings.noRepeatNGramSize() > 0) {
            processors.add(new NoRepeatNGram(settings.noRepeatNGramSize()));
        }
        Map<Integer, Long> forced = new LinkedHashMap<>();
        forced.put(0, FORCED_BOS);
        forced.put(
                settings.maxNewTokens() - 1, EOS); // with one token allowed, end-of-sequence wins, as in transformers
        processors.add(new ForcedTokens(forced));
        return new GenerationConfig(settings.search(), settings.maxNewTokens(), EOS, PAD, processors, true, -1);
    }

    /** Florence2Processor: batch_decode (cleaning up spaces where the tokenizer config says so), then drop the markers. */
    static String text(String decoded, boolean cleanUpTokenizationSpaces) {
        return withoutMarkers(cleanUpTokenizationSpaces ? TokenizationSpaces.cleanUp(decoded) : decoded);
    }

    static String withoutMarkers(String decoded) {
        String text = decoded;
        for (String marker : MARKERS) {
            text = text.replace(marker, "");
        }
        return text.strip();
    }

    public static Builder builder() {
        return new Builder();
    }

    Florence2Prompt prompt() {
        return prompt;
    }

    CaptionTask task() {
        return task;
    }

    /** Defaults: {@link CaptionSettings#florence2()} (3 beams, no repeated 3-grams, 1,024 new tokens),
     * {@link ImagePreprocessing#FLORENCE_2} (768×768) and {@link Florence2Task#CAPTION}. Files: the four .onnx files,
     * tokenizer.json and, where listed, tokenizer_config.json. */
    public static final class Builder extends CaptionerOptions<Builder> {
        private Florence2Task task = Florence2Task.CAPTION;

        Builder() {
            super(CaptionSettings.florence2(), ImagePreprocessing.FLORENCE_2);
        }

        public Builder task(Florence2Task task) {
            this.task = Objects.requireNonNull(task);
            return this;
        }

        public Florence2Captioner build() {
            return assemble(this, validate("florence-2-base-ft"));
        }
    }
}
