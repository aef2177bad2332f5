package io.montage.models.generation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;

/**
 * Turns decoder token ids into the {@code inputs_embeds} of a merged decoder that takes embeddings instead of
 * {@code input_ids}: Florence-2's decoder, fed from {@code embed_tokens.onnx} for every new token
 * (docs/model-exports.md §4, step 5).
 */
@FunctionalInterface
public interface TokenEmbeddings {

    /**
     * @param tokens [rows][length] ids, all rows the same length
     * @return a floating-point tensor [rows, length, hidden] that the caller closes
     */
    OnnxTensor embed(long[][] tokens) throws OrtException;
}
