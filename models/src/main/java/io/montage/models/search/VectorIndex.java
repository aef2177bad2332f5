package io.montage.models.search;

import java.util.List;
import java.util.Optional;

/**
 * Nearest neighbours by cosine similarity among vectors of one embedding space (one model, one
 * dimension), each under a caller's id. Vectors are brought to unit length on the way in, so a dot
 * product is their cosine and callers may pass raw or normalised embeddings alike.
 *
 * <p>Thread-safe: one thread may add while others search. A search sees every add and remove that
 * returned before it started.
 */
public sealed interface VectorIndex extends AutoCloseable permits HnswVectorIndex, ExactVectorIndex {

    /** The length every vector and query must have. */
    int dimension();

    /** Adds {@code vector} under {@code id}, replacing the vector the id had. */
    void add(String id, float[] vector);

    /** Removes the id's vector; false when the index did not hold the id. */
    boolean remove(String id);

    /** The unit vector held under {@code id}, if any. */
    Optional<float[]> vector(String id);

    /** Up to {@code k} ids nearest to {@code query}, most similar first. */
    List<SearchHit> search(float[] query, int k);

    /** How many ids the index holds. */
    int size();

    @Override
    void close();
}
