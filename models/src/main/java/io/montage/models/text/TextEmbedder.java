package io.montage.models.text;

import java.util.List;

/** Turns text into a unit-length vector; cosine similarity is then a dot product. Thread-safe. */
public interface TextEmbedder extends AutoCloseable {

    float[] embed(String text);

    /** Embeds all texts, batched together; results are in input order. */
    List<float[]> embedAll(List<String> texts);

    int dimension();

    /** Catalog id of the model that made the vectors, for the output record. */
    String modelId();

    @Override
    void close();
}
