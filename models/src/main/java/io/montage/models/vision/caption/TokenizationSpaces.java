package io.montage.models.vision.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * transformers' {@code clean_up_tokenization} (tokenization_utils_base.py), which {@code decode} applies when the
 * tokenizer_config.json sets {@code clean_up_tokenization_spaces}: the space a word-level tokenizer left before
 * punctuation and English contractions is removed. The Rust tokenizers (and so DJL) never do this; it is Python-side.
 */
final class TokenizationSpaces {

    private TokenizationSpaces() {}

    static String cleanUp(String text) {
        return text.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }

    /**
     * The tokenizer_config.json's {@code clean_up_tokenization_spaces}; without the file or the key, false, the
     * default of current transformers (older releases defaulted to true, which is why exports spell it out).
     */
    static boolean configured(Path tokenizerConfig) {
        if (tokenizerConfig == null || !Files.isRegularFile(tokenizerConfig)) {
            return false;
        }
        try {
            JsonNode flag =
                    new ObjectMapper().readTree(tokenizerConfig.toFile()).path("clean_up_tokenization_spaces");
            return flag.asBoolean(false);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + tokenizerConfig + ": " + e.getMessage()
                            + "; fetch the model's files again with: montage models pull",
                    e);
        }
    }
}
