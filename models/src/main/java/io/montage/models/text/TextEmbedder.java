package io.montage.models.text;

import io.montage.models.batching.Timed;
import java.util.List;

/** Turns text into a unit-length vector; cosine similarity is then a dot product. Thread-safe. */
public interface TextEmbedder extends AutoCloseable {

    float[] embed(String text);

    /** Like {@link #embed}, with the queue wait, model run time and batch size of the call that made it. */
    Timed<float[]> embedTimed(String text);

    /** Embeds all texts, batched together; results are in input order. */
    List<float[]> embedAll(List<String> texts);

    /** Like {@link #embedAll}, with each vector's queue wait, model run time and batch size. */
    List<Timed<float[]>> embedAllTimed(List<String> texts);

    int dimension();

    /** Catalog id of the model that made the vectors, for the output record. */
    String modelId();

    @Override
    void close();
}
