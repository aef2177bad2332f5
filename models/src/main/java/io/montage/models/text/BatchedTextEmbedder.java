package io.montage.models.text;

import io.montage.models.batching.DynamicBatcher;
import io.montage.models.batching.Timed;
import java.util.List;

/**
 * The text calls of an embedder whose model runs behind a {@link DynamicBatcher}: each is the
 * batcher's call of the same name, so every embedder batches, times and fails alike.
 */
public abstract class BatchedTextEmbedder implements TextEmbedder {

    /** The batcher of the text model. */
    protected abstract DynamicBatcher<String, float[]> textBatcher();

    @Override
    public final float[] embed(String text) {
        return textBatcher().process(text);
    }

    @Override
    public final Timed<float[]> embedTimed(String text) {
        return textBatcher().processTimed(text);
    }

    @Override
    public final List<float[]> embedAll(List<String> texts) {
        return textBatcher().processAll(texts);
    }

    @Override
    public final List<Timed<float[]>> embedAllTimed(List<String> texts) {
        return textBatcher().processAllTimed(texts);
    }
}
