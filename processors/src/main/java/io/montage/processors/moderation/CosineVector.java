package io.montage.processors.moderation;

/**
 * A vector with its length computed once, for cosine distances. Reference vectors need not be
 * L2-normalised (a list may come from elsewhere); Montage's own embeddings are, but dividing by the
 * lengths costs nothing beside the dot product and keeps the distance right either way.
 */
public final class CosineVector {

    private final float[] values;
    private final double length;

    public CosineVector(float[] values) {
        this.values = values.clone();
        double sumOfSquares = 0;
        for (float x : values) {
            sumOfSquares += x * (double) x;
        }
        this.length = Math.sqrt(sumOfSquares);
    }

    public int dimension() {
        return values.length;
    }

    /** Whether a direction is defined; the zero vector has none and matches nothing. */
    public boolean hasDirection() {
        return length > 0 && Double.isFinite(length);
    }

    /** 1 − cosine similarity: 0 for the same direction, 1 for orthogonal, 2 for opposite. */
    public double distance(CosineVector other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException(
                    "cannot compare vectors of " + values.length + " and " + other.values.length + " dimensions");
        }
        double dot = 0;
        for (int i = 0; i < values.length; i++) {
            dot += values[i] * (double) other.values[i];
        }
        double cosine = dot / (length * other.length);
        return 1 - Math.max(-1, Math.min(1, cosine));
    }
}
