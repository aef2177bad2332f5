package io.montage.models.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * 64-bit DCT perceptual hash (the pHash.org recipe): shrink to 32×32 grayscale, take the 2-D
 * DCT-II, keep the 8×8 lowest frequencies next to (but without) the DC term, and set a bit for
 * each coefficient above their median. Re-encoding, mild resizing and colour shifts move few
 * bits; different pictures differ in about half of them.
 *
 * <p>Written here rather than taken from a library: JImageHash (dev.brachtendorf) has it but is
 * not a dependency of this module and has not been released since 2021; the hash is 40 lines.
 * Only the 8×8 coefficients needed are computed, from a precomputed cosine table.
 */
public final class DctPerceptualHash {

    private static final int SIZE = 32;
    private static final int KEPT = 8;
    // COS[u][x] = cos((2x + 1) u π / 2N) for u = 1..8: rows 1..8 skip the DC row and column.
    private static final double[][] COS = new double[KEPT][SIZE];

    static {
        for (int u = 0; u < KEPT; u++) {
            for (int x = 0; x < SIZE; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * (u + 1) * Math.PI / (2 * SIZE));
            }
        }
    }

    private DctPerceptualHash() {}

    public static long of(BufferedImage image) {
        double[][] pixels = grayscale32(image);
        double[] coefficients = lowFrequencies(pixels);
        double median = median(coefficients);
        long hash = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    /** Number of differing bits: ≤ 8 is the same picture re-encoded or resized, ≥ 20 is unrelated. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static double[][] grayscale32(BufferedImage image) {
        BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            // Bicubic from a large source aliases; average first by stepping down in halves.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(halvedTowards(image, SIZE * 2), 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        double[][] gray = new double[SIZE][SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = small.getRGB(x, y);
                // ITU-R BT.601 luma weights.
                gray[y][x] = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
            }
        }
        return gray;
    }

    private static BufferedImage halvedTowards(BufferedImage image, int minimumSide) {
        BufferedImage current = image;
        while (current.getWidth() / 2 >= minimumSide && current.getHeight() / 2 >= minimumSide) {
            BufferedImage half =
                    new BufferedImage(current.getWidth() / 2, current.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = half.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, half.getWidth(), half.getHeight(), null);
            } finally {
                g.dispose();
            }
            current = half;
        }
        return current;
    }

    /** DCT coefficients (u, v) for u, v in 1..8, row-major; the scale factors cancel in the median test. */
    private static double[] lowFrequencies(double[][] pixels) {
        double[][] rows = new double[SIZE][KEPT]; // rows[y][u] = Σx pixels[y][x]·COS[u][x]
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < KEPT; u++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    sum += pixels[y][x] * COS[u][x];
                }
                rows[y][u] = sum;
            }
        }
        double[] out = new double[KEPT * KEPT];
        for (int v = 0; v < KEPT; v++) {
            for (int u = 0; u < KEPT; u++) {
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y][u] * COS[v][y];
                }
                out[v * KEPT + u] = sum;
            }
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
