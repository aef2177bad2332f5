package io.montage.models.vision.hash;

/**
 * The part of the 64×64 DCT-II that PDQ keeps: frequencies 1..16 along each axis, so the DC term
 * (overall brightness) and everything above the 16th frequency (noise, JPEG blocking) are never
 * computed. A full fast DCT would be slower here: PDQ's authors measured that computing only the
 * 16 wanted rows directly beats the Lee algorithm.
 */
final class Dct64To16 {

    static final int KEPT = 16;
    private static final int N = JaroszDownscaler.SIDE;

    // D[u][x] = √(2/N)·cos(π(u + 1)(2x + 1) / 2N): row u is frequency u + 1, skipping the DC row.
    // Floats, like the 64×64 input, so coefficients match the reference's to its precision.
    private static final float[][] D = new float[KEPT][N];

    static {
        float scale = (float) Math.sqrt(2.0 / N);
        for (int u = 0; u < KEPT; u++) {
            for (int x = 0; x < N; x++) {
                D[u][x] = scale * (float) Math.cos((Math.PI / 2.0 / N) * (u + 1) * (2 * x + 1));
            }
        }
    }

    private Dct64To16() {}

    /** B = D·A·Dᵀ, through T = D·A; {@code B[u][v]} is vertical frequency u + 1, horizontal v + 1. */
    static float[][] of(float[][] a) {
        float[][] t = new float[KEPT][N];
        for (int u = 0; u < KEPT; u++) {
            for (int x = 0; x < N; x++) {
                float sum = 0;
                for (int k = 0; k < N; k++) {
                    sum += D[u][k] * a[k][x];
                }
                t[u][x] = sum;
            }
        }
        float[][] b = new float[KEPT][KEPT];
        for (int u = 0; u < KEPT; u++) {
            for (int v = 0; v < KEPT; v++) {
                float sum = 0;
                for (int k = 0; k < N; k++) {
                    sum += t[u][k] * D[v][k];
                }
                b[u][v] = sum;
            }
        }
        return b;
    }
}
