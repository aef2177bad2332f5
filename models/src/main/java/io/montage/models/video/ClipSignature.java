package io.montage.models.video;

import io.montage.models.vectors.UnitLength;
import java.util.Arrays;

/**
 * A frame's CLIP image embedding, of unit length. Two frames of one shot show the same things and
 * embed close together even where the light or the framing changes their colours; a cut to other
 * content moves the embedding, where a colour histogram may not (two shots of the same palette).
 */
public record ClipSignature(float[] vector) implements FrameSignature {

    public ClipSignature {
        if (vector.length == 0) {
            throw new IllegalArgumentException("a CLIP signature needs a vector, got none");
        }
    }

    /** The embedding scaled to unit length (the embedders' outputs are already; this keeps the distance a cosine). */
    public static ClipSignature of(float[] embedding) {
        return new ClipSignature(UnitLength.of(embedding));
    }

    @Override
    public SceneSignal signal() {
        return SceneSignal.CLIP;
    }

    /** Cosine distance, 1 - cos: 0 for the same direction, 1 for orthogonal, 2 for opposite. */
    public double distance(ClipSignature other) {
        if (other.vector.length != vector.length) {
            throw new IllegalArgumentException(
                    "CLIP signatures of " + vector.length + " and " + other.vector.length + " dimensions");
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * (double) other.vector[i];
        }
        return 1 - dot;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClipSignature other && Arrays.equals(vector, other.vector);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "ClipSignature[" + vector.length + " dimensions]";
    }
}
