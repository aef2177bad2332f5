package io.montage.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.montage.models.batching.BatchTask;
import io.montage.models.batching.PaddedLongBatch;
import io.montage.models.runtime.InputFeeds;
import io.montage.models.runtime.ModelSession;
import io.montage.models.vectors.UnitLength;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BERT-style sentence embedding as a {@link BatchTask}: tokenize on the caller's thread, pad the batch
 * to its longest text, run, pool with the attention mask, L2-normalise on the caller's thread.
 */
public final class EmbeddingTask implements BatchTask<String, TokenizedText, float[], float[]> {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    /** BERT's [PAD] id (vocab.txt line 0); masked out anyway. */
    private static final long PAD_ID = 0;

    private final ModelSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean normalize;
    private final String outputName;
    private final BatchExecution execution;

    public EmbeddingTask(
            ModelSession session,
            HuggingFaceTokenizer tokenizer,
            Pooling pooling,
            boolean normalize,
            BatchExecution execution) {
        this.session = session;
        this.execution = execution;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.normalize = normalize;
        if (!session.hasInput(INPUT_IDS)) {
            throw new IllegalArgumentException("model '" + session.modelId() + "' has no input_ids input (inputs: "
                    + session.inputs().keySet() + "); it is not a BERT-style text encoder");
        }
        this.outputName = session.outputs().containsKey(LAST_HIDDEN_STATE)
                ? LAST_HIDDEN_STATE
                : session.outputs().keySet().iterator().next();
    }

    @Override
    public TokenizedText prepare(String text) {
        Encoding encoding = tokenizer.encode(text);
        return new TokenizedText(encoding.getIds(), encoding.getTypeIds());
    }

    @Override
    public List<float[]> run(List<TokenizedText> batch) throws Exception {
        if (execution == BatchExecution.PADDED || batch.size() == 1) {
            return runPadded(batch);
        }
        var vectors = new ArrayList<float[]>(batch.size());
        for (TokenizedText item : batch) {
            vectors.add(runPadded(List.of(item)).get(0));
        }
        return vectors;
    }

    private List<float[]> runPadded(List<TokenizedText> batch) throws Exception {
        List<long[]> ids = batch.stream().map(TokenizedText::ids).toList();
        PaddedLongBatch padded = PaddedLongBatch.of(ids, PAD_ID);
        long[] shape = padded.shape();
        try (InputFeeds feeds = new InputFeeds(session.environment())) {
            feeds.longs(INPUT_IDS, padded.values(), shape);
            if (session.hasInput(ATTENTION_MASK)) {
                feeds.longs(ATTENTION_MASK, padded.mask(), shape);
            }
            if (session.hasInput(TOKEN_TYPE_IDS)) {
                long[] types = PaddedLongBatch.padCompanion(
                        batch.stream().map(TokenizedText::typeIds).toList(), padded.width());
                feeds.longs(TOKEN_TYPE_IDS, types, shape);
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return pool(result, batch, padded.width());
            }
        }
    }

    private List<float[]> pool(OrtSession.Result result, List<TokenizedText> batch, int width) {
        OnnxTensor output = (OnnxTensor) result.get(outputName)
                .orElseThrow(() -> new IllegalStateException(
                        "model '" + session.modelId() + "' returned no '" + outputName + "' output"));
        long[] outShape = output.getInfo().getShape();
        FloatBuffer hidden = output.getFloatBuffer();
        var vectors = new ArrayList<float[]>(batch.size());
        if (outShape.length == 2) {
            int dim = (int) outShape[1];
            for (int r = 0; r < batch.size(); r++) {
                float[] v = new float[dim];
                hidden.get(r * dim, v, 0, dim);
                vectors.add(v);
            }
            return vectors;
        }
        int hiddenSize = (int) outShape[2];
        for (int r = 0; r < batch.size(); r++) {
            vectors.add(pooling.pool(hidden, r, width, hiddenSize, batch.get(r).length()));
        }
        return vectors;
    }

    @Override
    public float[] finish(String input, float[] pooled) {
        if (!normalize) {
            return pooled;
        }
        return UnitLength.of(pooled);
    }

    public ModelSession session() {
        return session;
    }

    public BatchExecution execution() {
        return execution;
    }

    public int dimension() {
        long[] shape = session.outputs().get(outputName).shape();
        return (int) shape[shape.length - 1];
    }

    public Map<String, Object> describe() {
        return Map.of(
                "model",
                session.modelId(),
                "pooling",
                pooling,
                "normalize",
                normalize,
                "output",
                outputName,
                "execution",
                execution);
    }
}
