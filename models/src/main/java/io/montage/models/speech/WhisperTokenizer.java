package io.montage.models.speech;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Whisper model's {@code tokenizer.json} (byte-level BPE, shipped with the model) through DJL's Hugging Face
 * tokenizers, plus its special token ids.
 */
public final class WhisperTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final WhisperTokens tokens;

    private WhisperTokenizer(HuggingFaceTokenizer tokenizer, WhisperTokens tokens) {
        this.tokenizer = tokenizer;
        this.tokens = tokens;
    }

    /**
     * @param tokenizerJson the model's tokenizer.json
     * @param modelId       for error messages
     */
    public static WhisperTokenizer open(Path tokenizerJson, String modelId) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("model '" + modelId + "': no tokenizer at " + tokenizerJson
                    + "; fetch it with: montage models pull " + modelId);
        }
        WhisperTokens tokens;
        try {
            tokens = WhisperTokens.fromAddedTokens(addedTokens(tokenizerJson));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "model '" + modelId + "': cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + modelId + "': " + tokenizerJson + ": " + e.getMessage(), e);
        }
        try {
            // no padding or truncation: only decode() and short encodes are used
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optPadding(false)
                    .optTruncation(false)
                    .build();
            return new WhisperTokenizer(hf, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "model '" + modelId + "': cannot load " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    public WhisperTokens tokens() {
        return tokens;
    }

    /** Text of the ordinary tokens among {@code ids}; special and timestamp tokens are left out. */
    public String decodeText(long[] ids) {
        long[] text = java.util.Arrays.stream(ids).filter(tokens::isText).toArray();
        return text.length == 0 ? "" : tokenizer.decode(text, true);
    }

    /** Token ids of {@code text} without special tokens (prompts, tests). */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    private static Map<String, Long> addedTokens(Path tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        Map<String, Long> added = new HashMap<>();
        for (JsonNode token : root.path("added_tokens")) {
            added.put(token.path("content").asText(), token.path("id").asLong());
        }
        return added;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
