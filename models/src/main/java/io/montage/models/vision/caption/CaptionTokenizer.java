package io.montage.models.vision.caption;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A captioning model's own {@code tokenizer.json} (GPT-2's or BART's byte-level BPE) through DJL's Hugging Face
 * tokenizers. Special tokens are never added here: the captioners place them themselves, by id.
 */
final class CaptionTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private CaptionTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static CaptionTokenizer open(Path tokenizerJson, String modelId) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("model '" + modelId + "': no tokenizer at " + tokenizerJson
                    + "; fetch it with: montage models pull " + modelId);
        }
        try {
            return new CaptionTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optPadding(false)
                    .optTruncation(false)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "model '" + modelId + "': cannot load " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** Ids of {@code text}, no special tokens added. */
    long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Text of {@code ids} without special tokens (GPT-2: {@code <|endoftext|>}). */
    String decodeSkippingSpecialTokens(long[] ids) {
        return ids.length == 0 ? "" : tokenizer.decode(ids, true);
    }

    /** Text of {@code ids} with special tokens spelled out, as Florence2Processor decodes before post-processing. */
    String decodeKeepingSpecialTokens(long[] ids) {
        return ids.length == 0 ? "" : tokenizer.decode(ids, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
