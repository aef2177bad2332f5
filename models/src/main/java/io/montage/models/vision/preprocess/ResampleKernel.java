package io.montage.models.vision.preprocess;

/**
 * The weights of one resampling pass along one axis, computed as Pillow's {@code precompute_coeffs} and
 * {@code normalize_coeffs_8bpc} compute them: when downsampling the filter is stretched by the scale
 * factor (support × scale), which is what antialiases; weights are normalised to sum to 1 per output
 * pixel and then quantised to fixed point with {@value #PRECISION_BITS} fractional bits.
 *
 * <p>The same double arithmetic in the same order as Pillow gives the same integer weights, so the
 * resized bytes are Pillow's bytes, not an approximation of them.
 */
final class ResampleKernel {

    /** Pillow's {@code PRECISION_BITS = 32 - 8 - 2}: 8 bits for the pixel, 2 bits of headroom for negative lobes. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private final int outSize;
    private final int taps;
    private final int[] first;
    private final int[] count;
    private final int[] weights;

    private ResampleKernel(int outSize, int taps, int[] first, int[] count, int[] weights) {
        this.outSize = outSize;
        this.taps = taps;
        this.first = first;
        this.count = count;
        this.weights = weights;
    }

    static ResampleKernel of(int inSize, int outSize, Resample filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        int taps = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * taps];
        double[] k = new double[taps];
        double inverseFilterScale = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double sum = 0.0;
            for (int x = 0; x < xmax; x++) {
                k[x] = filter.weight((x + xmin - center + 0.5) * inverseFilterScale);
                sum += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double normalised = sum != 0.0 ? k[x] / sum : k[x];
                weights[xx * taps + x] = (int)
                        (normalised < 0
                                ? -0.5 + normalised * (1 << PRECISION_BITS)
                                : 0.5 + normalised * (1 << PRECISION_BITS));
            }
            first[xx] = xmin;
            count[xx] = xmax;
        }
        return new ResampleKernel(outSize, taps, first, count, weights);
    }

    int outSize() {
        return outSize;
    }

    /** First input index that output {@code i} reads. */
    int first(int i) {
        return first[i];
    }

    /** How many consecutive input indices output {@code i} reads. */
    int count(int i) {
        return count[i];
    }

    int weight(int i, int tap) {
        return weights[i * taps + tap];
    }

    /** One past the last input index any output reads. */
    int end() {
        return first[outSize - 1] + count[outSize - 1];
    }

    /** Pillow's {@code clip8}: the fixed-point sum back to a byte, rounding by the half added up front. */
    static int clip8(int sum) {
        if (sum >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        return sum <= 0 ? 0 : sum >> PRECISION_BITS;
    }

    /** Pillow starts every sum at one half so that the final shift rounds instead of truncating. */
    static final int ROUNDING_HALF = 1 << (PRECISION_BITS - 1);
}
