package io.montage.models.vectors;

/**
 * L2 normalisation, as torch.nn.functional.normalize: sentence-transformers' Normalize module
 * applies it to pooled text embeddings, and CLIPModel to its projected towers' outputs
 * ({@code image_embeds}, {@code text_embeds} of the *WithProjection exports are not normalised).
 */
public final class UnitLength {

    /** torch.nn.functional.normalize's floor, so a zero vector stays zero instead of becoming NaN. */
    private static final double EPSILON = 1e-12;

    private UnitLength() {}

    public static float[] of(float[] vector) {
        double sumOfSquares = 0;
        for (float x : vector) {
            sumOfSquares += x * (double) x;
        }
        double scale = 1.0 / Math.max(Math.sqrt(sumOfSquares), EPSILON);
        float[] out = new float[vector.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (vector[i] * scale);
        }
        return out;
    }
}
