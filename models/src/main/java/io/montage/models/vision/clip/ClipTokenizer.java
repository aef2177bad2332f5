package io.montage.models.vision.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIP's BPE tokenizer (DJL over the model's own tokenizer.json), truncating to the text tower's
 * context length. The start/end ids are read from the tokenizer itself (what it wraps an empty text
 * in), not assumed; the end-of-text id doubles as padding, as CLIP's tokenizer_config.json sets
 * {@code pad_token} to {@code <|endoftext|>}.
 */
final class ClipTokenizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClipTokenizer.class);
    /** openai/clip-vit-base-patch32 tokenizer.json added tokens (docs/model-exports.md §3, marked not confirmed there). */
    static final long EXPECTED_START_ID = 49406;

    static final long EXPECTED_END_ID = 49407;

    private final HuggingFaceTokenizer tokenizer;
    private final long startId;
    private final long endId;

    ClipTokenizer(String modelId, Path tokenizerJson, int maxLength) {
        try {
            this.tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optMaxLength(maxLength)
                    .optTruncation(true)
                    .optPadding(false)
                    .optAddSpecialTokens(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "model '" + modelId + "': cannot read its tokenizer " + tokenizerJson + ": " + e.getMessage()
                            + "; check it with: montage models verify " + modelId,
                    e);
        }
        long[] empty = tokenizer.encode("").getIds();
        if (empty.length != 2) {
            tokenizer.close();
            throw new IllegalArgumentException("model '" + modelId + "': " + tokenizerJson + " wraps an empty text in "
                    + java.util.Arrays.toString(empty)
                    + " instead of <|startoftext|> <|endoftext|>; it is not a CLIP tokenizer");
        }
        this.startId = empty[0];
        this.endId = empty[1];
        if (startId != EXPECTED_START_ID || endId != EXPECTED_END_ID) {
            LOG.warn(
                    "model '{}': tokenizer start/end ids are {}/{}, not CLIP's {}/{}; using the tokenizer's",
                    modelId,
                    startId,
                    endId,
                    EXPECTED_START_ID,
                    EXPECTED_END_ID);
        }
    }

    /** Token ids with start and end of text; at most the context length. */
    long[] encode(String text) {
        Encoding encoding = tokenizer.encode(text);
        return encoding.getIds();
    }

    long startId() {
        return startId;
    }

    long endId() {
        return endId;
    }

    /** Padding after the end-of-text token never reaches the pooled token: CLIP's text tower is causal. */
    long padId() {
        return endId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
