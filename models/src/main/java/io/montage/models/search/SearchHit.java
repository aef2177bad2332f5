package io.montage.models.search;

/**
 * One neighbour of a query.
 *
 * @param id the id its vector was added under
 * @param similarity the cosine of the angle between it and the query, in [-1, 1]
 */
public record SearchHit(String id, float similarity) {

    /** Cosine distance, 1 − similarity: 0 for the same direction, 2 for opposite ones. */
    public float distance() {
        return 1 - similarity;
    }
}
