package io.montage.models.search;

import io.montage.models.vectors.UnitLength;

/** The checks both indexes make on a vector before it is stored or searched with. */
final class UnitVectors {

    private UnitVectors() {}

    /**
     * The vector at unit length, after checking it fits the index.
     *
     * @param what names the vector in failure messages ("vector of id X", "query")
     */
    static float[] checked(String what, float[] vector, int dimension) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(String.format(
                    "%s has %d dimensions, but this index holds %d-dimensional vectors: vectors of"
                            + " different models (or different dimensions) cannot be compared; use one"
                            + " index per embedding model",
                    what, vector.length, dimension));
        }
        boolean nonZero = false;
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(
                        what + " holds " + x + "; only finite values can be compared, check the model's output");
            }
            nonZero |= x != 0;
        }
        if (!nonZero) {
            throw new IllegalArgumentException(
                    what + " is all zeros and has no direction to compare by cosine; check the model's output");
        }
        return UnitLength.of(vector);
    }

    static void checkCount(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("asked for " + k + " neighbours; ask for at least 1");
        }
    }
}
