package io.montage.models.vision.hash;

/**
 * PDQ's quality score, 0..100: how much significant gradient the 64×64 downsample has. A flat or
 * nearly featureless picture gets a low score, and its hash is mostly decided by noise, so it
 * should not be matched. Meta's guidance is to discard hashes scoring 49 or less.
 *
 * <p>The constants (differences in percent of full scale, truncated to whole percent so that many
 * tiny gradients do not add up; the sum divided by 90) are PDQ's hand-tuned ones, from the
 * ThreatExchange reference implementations; they are kept exactly so scores compare across systems.
 */
final class PdqQuality {

    static final int MAX = 100;
    private static final int SCALE = 90;

    private PdqQuality() {}

    static int of(float[][] side64) {
        int n = side64.length;
        int gradientSum = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = 0; j < n; j++) {
                gradientSum += percentStep(side64[i][j], side64[i + 1][j]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n - 1; j++) {
                gradientSum += percentStep(side64[i][j], side64[i][j + 1]);
            }
        }
        return Math.min(gradientSum / SCALE, MAX);
    }

    private static int percentStep(float u, float v) {
        return Math.abs((int) (((u - v) * 100) / 255));
    }
}
