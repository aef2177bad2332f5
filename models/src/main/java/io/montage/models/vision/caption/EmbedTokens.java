package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.generation.FloatTensors;
import io.montage.models.generation.TokenEmbeddings;
import io.montage.models.runtime.ModelSession;
import java.util.Map;

/**
 * Florence-2's {@code embed_tokens.onnx}: {@code input_ids} [B,S] → {@code inputs_embeds} [B,S,D]. It embeds the
 * task prompt for the encoder and every decoder token (docs/model-exports.md §4, steps 2 and 5).
 */
final class EmbedTokens implements TokenEmbeddings {

    static final String INPUT_IDS = "input_ids";
    static final String INPUTS_EMBEDS = "inputs_embeds";
    private static final String FILE = "Florence-2's embed_tokens*.onnx";

    private final ModelSession session;

    EmbedTokens(ModelSession session) {
        InputTensors.require(session, INPUT_IDS, FILE);
        InputTensors.requireOutput(session, INPUTS_EMBEDS, FILE);
        this.session = session;
    }

    @Override
    public OnnxTensor embed(long[][] tokens) throws OrtException {
        int width = tokens[0].length;
        long[] flat = new long[tokens.length * width];
        for (int r = 0; r < tokens.length; r++) {
            System.arraycopy(tokens[r], 0, flat, r * width, width);
        }
        try (OnnxTensor ids = InputTensors.integers(session, INPUT_IDS, flat, tokens.length, width);
                OrtSession.Result result = session.run(Map.of(INPUT_IDS, ids))) {
            return OutputTensors.copy(session, result, INPUTS_EMBEDS);
        }
    }

    /** The embeddings of one sequence, [length * hidden] as float32. */
    float[] embedOne(long[] ids) throws OrtException {
        try (OnnxTensor embedded = embed(new long[][] {ids})) {
            return FloatTensors.read(embedded);
        }
    }
}
