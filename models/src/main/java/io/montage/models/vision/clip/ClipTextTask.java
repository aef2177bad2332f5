package io.montage.models.vision.clip;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.batching.BatchTask;
import io.montage.models.batching.PaddedLongBatch;
import io.montage.models.runtime.InputFeeds;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import io.montage.models.vectors.UnitLength;
import java.util.List;

/**
 * CLIP's text tower as a {@link BatchTask}: tokenize on the caller's thread, pad the batch to its
 * longest text with the end-of-text id, one {@code input_ids} call, {@code text_embeds} rows
 * L2-normalised on the caller's thread.
 *
 * <p>The transformers.js text_model export takes {@code input_ids} only. Without a mask, padding is
 * still harmless: the tower pools the hidden state at the first end-of-text token (argmax of the ids,
 * 49407 being the largest), and causal attention keeps later positions from reaching it.
 */
final class ClipTextTask implements BatchTask<String, long[], float[], float[]> {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TEXT_EMBEDS = "text_embeds";

    private final ModelSession session;
    private final ClipTokenizer tokenizer;

    ClipTextTask(ModelSession session, ClipTokenizer tokenizer) {
        this.session = session;
        this.tokenizer = tokenizer;
        requireTextTower(session);
    }

    /** Checked before the warm-up too, so a wrong file fails with what it is rather than an ONNX Runtime feed error. */
    static void requireTextTower(ModelSession session) {
        TensorSpec ids = session.inputs().get(INPUT_IDS);
        if (ids == null || !session.outputs().containsKey(TEXT_EMBEDS)) {
            throw new IllegalArgumentException(
                    "model '" + session.modelId() + "' is not a CLIP text tower: it needs input "
                            + INPUT_IDS + " and output " + TEXT_EMBEDS + ", it has "
                            + session.inputs().keySet() + " -> "
                            + session.outputs().keySet() + "; use the export's text_model*.onnx");
        }
        if (ids.type() != OnnxJavaType.INT64) {
            throw new IllegalArgumentException("model '" + session.modelId() + "': " + INPUT_IDS + " is " + ids.type()
                    + ", expected int64 as transformers.js's clip.py export casts it");
        }
    }

    /** A real start/end-of-text pair, so the warm-up takes the same pooling path as requests. */
    static ModelRuntime.WarmUp warmUp(long startId, long endId) {
        return session -> {
            requireTextTower(session);
            try (OnnxTensor ids = OnnxTensor.createTensor(session.environment(), new long[][] {{startId, endId}});
                    OrtSession.Result ignored = session.run(java.util.Map.of(INPUT_IDS, ids))) {
                // only the side effect of running matters
            }
        };
    }

    @Override
    public long[] prepare(String text) {
        return tokenizer.encode(text);
    }

    @Override
    public List<float[]> run(List<long[]> batch) throws OrtException {
        PaddedLongBatch padded = PaddedLongBatch.of(batch, tokenizer.padId());
        long[] shape = padded.shape();
        try (InputFeeds feeds = new InputFeeds(session.environment())) {
            feeds.longs(INPUT_IDS, padded.values(), shape);
            if (session.hasInput(ATTENTION_MASK)) {
                feeds.longs(ATTENTION_MASK, padded.mask(), shape);
            }
            try (OrtSession.Result result = session.run(feeds)) {
                return EmbeddingRows.read(result, TEXT_EMBEDS, batch.size(), session.modelId());
            }
        }
    }

    @Override
    public float[] finish(String text, float[] raw) {
        return UnitLength.of(raw);
    }
}
