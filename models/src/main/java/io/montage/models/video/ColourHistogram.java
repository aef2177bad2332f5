package io.montage.models.video;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A frame's colour distribution: 8 levels per RGB channel (512 bins), normalised to sum to 1, read
 * from a grid of at most {@value #GRID}×{@value #GRID} pixels. Two frames of one shot share their
 * colours even when the camera or the subject moves, and a cut changes them, which is why
 * histogram distance is the classic shot-boundary signal (PySceneDetect's content detector and
 * FFmpeg's {@code scdet} filter use the same idea). Written here because no library on the
 * classpath computes one without an OpenCV dependency Montage does not otherwise need.
 */
public record ColourHistogram(float[] bins) implements FrameSignature {

    public static final int LEVELS = 8;
    public static final int BINS = LEVELS * LEVELS * LEVELS;

    /** Pixels read per side: enough for a stable distribution, cheap on a 4K frame. */
    static final int GRID = 96;

    public ColourHistogram {
        if (bins.length != BINS) {
            throw new IllegalArgumentException("a colour histogram has " + BINS + " bins, got " + bins.length);
        }
    }

    public static ColourHistogram of(BufferedImage picture) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        int stepX = Math.max(1, width / GRID);
        int stepY = Math.max(1, height / GRID);
        float[] bins = new float[BINS];
        int counted = 0;
        for (int y = stepY / 2; y < height; y += stepY) {
            for (int x = stepX / 2; x < width; x += stepX) {
                int rgb = picture.getRGB(x, y);
                int r = (rgb >> 16 & 0xff) * LEVELS / 256;
                int g = (rgb >> 8 & 0xff) * LEVELS / 256;
                int b = (rgb & 0xff) * LEVELS / 256;
                bins[(r * LEVELS + g) * LEVELS + b]++;
                counted++;
            }
        }
        for (int i = 0; i < BINS; i++) {
            bins[i] /= counted;
        }
        return new ColourHistogram(bins);
    }

    @Override
    public SceneSignal signal() {
        return SceneSignal.HISTOGRAM;
    }

    /** Half the L1 distance: 0 for the same colours, 1 for frames that share none. */
    public double distance(ColourHistogram other) {
        double sum = 0;
        for (int i = 0; i < BINS; i++) {
            sum += Math.abs(bins[i] - other.bins[i]);
        }
        return sum / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColourHistogram other && Arrays.equals(bins, other.bins);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bins);
    }

    @Override
    public String toString() {
        return "ColourHistogram[" + BINS + " bins]";
    }
}
