package io.montage.models.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many mel bins a Whisper encoder reads (80, or 128 for large-v3). Optimum before 1.18, and the exports converted
 * with it (transformers.js 2.x used Optimum 1.13.2), declare {@code input_features} as
 * {@code [batch_size, feature_size, encoder_sequence_length]} with every axis dynamic, so the count cannot always be
 * read from the session: it comes from the model's preprocessor_config.json ({@code feature_size}) or the catalog's
 * {@code melBins}, and is checked against the encoder's shape only where that axis is static.
 */
final class WhisperMelBins {

    /** A mel-bin count some file states, with the words that name where it comes from. */
    record Declared(int bins, String source) {}

    private WhisperMelBins() {}

    /** preprocessor_config.json {@code feature_size}, if the file exists and has the key. */
    static List<Declared> fromPreprocessorConfig(Path preprocessorConfig) {
        if (preprocessorConfig == null || !Files.isRegularFile(preprocessorConfig)) {
            return List.of();
        }
        try {
            JsonNode size =
                    new ObjectMapper().readTree(preprocessorConfig.toFile()).path("feature_size");
            return size.canConvertToInt()
                    ? List.of(new Declared(size.asInt(), preprocessorConfig.getFileName() + " feature_size"))
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + preprocessorConfig + ": " + e.getMessage()
                            + "; fetch the model's files again with: montage models pull",
                    e);
        }
    }

    /**
     * The count every declaration and the encoder's static shape agree on.
     *
     * @throws IllegalArgumentException when the encoder is not a Whisper encoder, when sources disagree, or when the
     *                                  mel axis is dynamic and nothing declares the count
     */
    static int resolve(String modelId, ModelSession encoder, List<Declared> declared) {
        TensorSpec spec = encoder.inputs().get(WhisperWindowDecoder.INPUT_FEATURES);
        if (spec == null || spec.shape().length != 3) {
            throw new IllegalArgumentException("model '" + modelId + "' is not a Whisper encoder: expected input '"
                    + WhisperWindowDecoder.INPUT_FEATURES + "' [batch, mel bins, 3000], inputs are "
                    + encoder.inputs().values());
        }
        List<Declared> all = new ArrayList<>(declared);
        long axis = spec.shape()[1];
        if (axis > 0) {
            all.add(new Declared((int) axis, "the encoder's input_features shape"));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("model '" + modelId + "': the encoder declares input_features " + spec
                    + " with a dynamic mel axis, and no preprocessor_config.json feature_size or catalog melBins says how many"
                    + " mel bins it reads: put the model's preprocessor_config.json beside it, or set melBins (80, or 128 for"
                    + " large-v3) in its catalog entry");
        }
        Declared first = all.get(0);
        for (Declared other : all) {
            if (other.bins() != first.bins()) {
                throw new IllegalArgumentException("model '" + modelId + "': " + first.source() + " says "
                        + first.bins()
                        + " mel bins but " + other.source() + " says " + other.bins()
                        + ": the files belong to different models;"
                        + " fix the catalog entry or fetch the files again with: montage models pull " + modelId);
            }
        }
        return first.bins();
    }
}
