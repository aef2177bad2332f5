package io.montage.models.speech;

import io.montage.models.runtime.ModelRuntime;
import io.montage.models.store.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a Whisper model is opened from, chosen among its cached files, and what its catalog
 * entry states about it.
 *
 * @param generationConfig   generation_config.json, or null where the model has none
 * @param preprocessorConfig preprocessor_config.json, or null where the model has none
 * @param melBins            the catalog's {@code melBins}, or null where it states none
 * @param expectMultilingual the catalog's {@code multilingual}, or null where it states nothing
 */
record WhisperFiles(
        String modelId,
        Path encoder,
        Path decoder,
        Path tokenizer,
        Path generationConfig,
        Path preprocessorConfig,
        Integer melBins,
        Boolean expectMultilingual) {

    /** Whichever of these the model's files hold, in this order of preference (docs/model-exports.md §0.1 suffixes). */
    static final List<String> DECODER_FILES = List.of(
            "decoder_model_merged_quantized.onnx", "decoder_model_merged.onnx", "decoder_model_merged_fp16.onnx");

    static final String TOKENIZER_FILE = "tokenizer.json";
    static final String GENERATION_CONFIG_FILE = "generation_config.json";
    static final String PREPROCESSOR_CONFIG_FILE = "preprocessor_config.json";

    /**
     * @param encoderFile        an encoder to run instead of the one {@code precision} chooses, or null
     * @param preprocessorConfig a preprocessor_config.json for a model whose files list none, or null
     * @param melBins            mel bins for a model whose catalog entry states none, or null
     */
    static WhisperFiles of(
            ModelFiles files,
            ModelRuntime runtime,
            WhisperEncoderPrecision precision,
            Path encoderFile,
            Path preprocessorConfig,
            Integer melBins) {
        String modelId = files.spec().id();
        Path encoder = encoderFile != null
                ? encoderFile
                : files.path(precision.choose(
                        runtime.settings().device(), n -> files.spec().file(n).isPresent(), modelId));
        WhisperFiles chosen = new WhisperFiles(
                modelId,
                encoder,
                firstPresent(files, DECODER_FILES),
                files.path(TOKENIZER_FILE),
                listed(files, GENERATION_CONFIG_FILE),
                preprocessorConfig != null ? preprocessorConfig : listed(files, PREPROCESSOR_CONFIG_FILE),
                melBins != null
                        ? melBins
                        : files.spec()
                                .configValue("melBins")
                                .map(Integer::parseInt)
                                .orElse(null),
                files.spec()
                        .configValue("multilingual")
                        .map(Boolean::parseBoolean)
                        .orElse(null));
        chosen.requirePresent();
        return chosen;
    }

    private void requirePresent() {
        for (Path required : new Path[] {encoder, decoder, tokenizer}) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalArgumentException("model '" + modelId + "': missing file " + required
                        + " (encoder, merged decoder and tokenizer.json are needed); fetch them with: montage models pull "
                        + modelId);
            }
        }
    }

    private static Path listed(ModelFiles files, String name) {
        return files.spec().file(name).isPresent() ? files.path(name) : null;
    }

    private static Path firstPresent(ModelFiles files, List<String> names) {
        return names.stream()
                .filter(n -> files.spec().file(n).isPresent())
                .findFirst()
                .map(files::path)
                .orElseThrow(() ->
                        new IllegalArgumentException("model '" + files.spec().id() + "' lists none of " + names));
    }
}
