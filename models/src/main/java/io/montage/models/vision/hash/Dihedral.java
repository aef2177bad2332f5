package io.montage.models.vision.hash;

/**
 * The eight rotations and flips of a picture. PDQ gets the hash of each from the original's DCT
 * coefficients without touching pixels: reversing an axis multiplies the coefficient of frequency
 * f along it by (−1)^f, and swapping the axes transposes the block. Row and column index k hold
 * frequency k + 1, so it is the even indexes that change sign.
 *
 * <p>Names follow the ThreatExchange tools: {@link #FLIP_X} reverses the rows (upside down),
 * {@link #FLIP_Y} reverses the columns (a left–right mirror), {@link #FLIP_PLUS_1} is the transpose
 * and {@link #FLIP_MINUS_1} the anti-transpose; rotations are counter-clockwise.
 */
public enum Dihedral {
    ORIGINAL(false, false, false),
    ROTATE_90(true, false, true),
    ROTATE_180(false, true, true),
    ROTATE_270(true, true, false),
    FLIP_X(false, true, false),
    FLIP_Y(false, false, true),
    FLIP_PLUS_1(true, false, false),
    FLIP_MINUS_1(true, true, true);

    private final boolean transpose;
    private final boolean reverseRows;
    private final boolean reverseColumns;

    Dihedral(boolean transpose, boolean reverseRows, boolean reverseColumns) {
        this.transpose = transpose;
        this.reverseRows = reverseRows;
        this.reverseColumns = reverseColumns;
    }

    /**
     * The coefficients of the transformed picture. Reversal is applied to the picture's own axes
     * first, then the transpose: a counter-clockwise quarter turn is "mirror left–right, transpose".
     */
    float[][] apply(float[][] coefficients) {
        int n = coefficients.length;
        float[][] out = new float[n][n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                // Index 0 is frequency 1 (odd), so the even indexes are the ones reversal negates.
                boolean negate = (reverseRows && u % 2 == 0) ^ (reverseColumns && v % 2 == 0);
                float value = negate ? -coefficients[u][v] : coefficients[u][v];
                if (transpose) {
                    out[v][u] = value;
                } else {
                    out[u][v] = value;
                }
            }
        }
        return out;
    }
}
