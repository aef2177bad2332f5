package io.montage.models.vision.clip;

/**
 * L2 normalisation. CLIP's projected tower outputs ({@code image_embeds}, {@code text_embeds} of the
 * *WithProjection exports) are not normalised; CLIPModel divides by the norm before its logits.
 */
final class UnitLength {

    /** torch.nn.functional.normalize's floor, so a zero vector stays zero instead of becoming NaN. */
    private static final double EPSILON = 1e-12;

    private UnitLength() {
    }

    static float[] of(float[] vector) {
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
