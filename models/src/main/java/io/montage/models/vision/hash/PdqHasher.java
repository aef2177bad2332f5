package io.montage.models.vision.hash;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * PDQ, Meta's 256-bit perceptual hash for matching re-uploads against moderation lists, following
 * the algorithm facebook/ThreatExchange documents (hashing/hashing.pdf) and implements in pdq/:
 * luminance, a Jarosz tent-filter downsample to 64×64, the 16×16 lowest non-DC DCT coefficients,
 * one bit per coefficient above their median, and a gradient-based quality score.
 *
 * <p>Beside the 64-bit {@code DctPerceptualHash} it keeps four times as many coefficients and
 * filters every source pixel into the downsample, so resizing, recompression, borders and crops
 * move a smaller fraction of its bits; docs/perceptual-hash.md has the measurements. Meta's
 * starting threshold for "same picture" is a distance of 31 or less.
 *
 * <p>Stateless and thread-safe. The picture is hashed at its full size, as the reference Java
 * implementation does (the C++ and Python tools first shrink it to at most 512 a side, for speed,
 * which moves a few bits); memory is one float per pixel for the duration of the call.
 */
public final class PdqHasher {

    /** Meta's recommended match threshold (ThreatExchange pdq/README.md): distance ≤ 31. */
    public static final int MATCH_DISTANCE = 31;

    // The reference's smallest hashable side; smaller pictures get the zero hash and quality 0.
    private static final int MIN_SIDE = 5;

    /**
     * What to do with uniform bands along the edges. {@link #KEEP} is PDQ as published: its hashes
     * compare with any other PDQ implementation's. {@link #TRIM} cuts the bands first (see
     * {@link UniformBorders}), so a re-upload with a frame or letterbox still matches; a picture
     * without such bands hashes the same either way, but a list hashed with {@code KEEP} elsewhere
     * will not match bordered queries hashed with {@code TRIM}.
     */
    public enum Borders {
        KEEP,
        TRIM
    }

    private PdqHasher() {}

    /** PDQ as published. */
    public static PdqResult hash(BufferedImage image) {
        return hash(image, Borders.KEEP);
    }

    public static PdqResult hash(BufferedImage image, Borders borders) {
        Objects.requireNonNull(image, "image");
        if (tooSmall(image)) {
            return new PdqResult(PdqHash.zero(), 0);
        }
        float[][] side64 = JaroszDownscaler.toSide64(plane(image, borders));
        return new PdqResult(bitsAboveMedian(Dct64To16.of(side64)), PdqQuality.of(side64));
    }

    /** All eight rotations and flips, for one downsample and one DCT; PDQ as published. */
    public static PdqDihedralHashes dihedral(BufferedImage image) {
        return dihedral(image, Borders.KEEP);
    }

    public static PdqDihedralHashes dihedral(BufferedImage image, Borders borders) {
        Objects.requireNonNull(image, "image");
        Map<Dihedral, PdqHash> hashes = new EnumMap<>(Dihedral.class);
        if (tooSmall(image)) {
            for (Dihedral variant : Dihedral.values()) {
                hashes.put(variant, PdqHash.zero());
            }
            return new PdqDihedralHashes(hashes, 0);
        }
        float[][] side64 = JaroszDownscaler.toSide64(plane(image, borders));
        float[][] coefficients = Dct64To16.of(side64);
        for (Dihedral variant : Dihedral.values()) {
            hashes.put(variant, bitsAboveMedian(variant.apply(coefficients)));
        }
        return new PdqDihedralHashes(hashes, PdqQuality.of(side64));
    }

    private static LumaPlane plane(BufferedImage image, Borders borders) {
        LumaPlane plane = LumaPlane.of(image);
        return borders == Borders.TRIM ? UniformBorders.trimmed(plane) : plane;
    }

    private static boolean tooSmall(BufferedImage image) {
        return image.getWidth() < MIN_SIDE || image.getHeight() < MIN_SIDE;
    }

    /**
     * The median is the lower of the two middle values (the 128th smallest), which is what the
     * reference's Torben median returns for 256 values; so exactly 128 bits are set unless
     * coefficients tie.
     */
    static PdqHash bitsAboveMedian(float[][] coefficients) {
        int n = coefficients.length;
        float[] sorted = new float[n * n];
        for (int u = 0; u < n; u++) {
            System.arraycopy(coefficients[u], 0, sorted, u * n, n);
        }
        Arrays.sort(sorted);
        float median = sorted[sorted.length / 2 - 1];
        boolean[] bits = new boolean[n * n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                bits[u * n + v] = coefficients[u][v] > median;
            }
        }
        return PdqHash.ofBits(bits);
    }
}
