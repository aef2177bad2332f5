package io.montage.models.media;

import io.montage.models.vision.hash.PdqDihedralHashes;
import io.montage.models.vision.hash.PdqHasher;
import io.montage.models.vision.hash.PdqResult;
import java.awt.image.BufferedImage;

/**
 * PDQ as the probe computes it for {@code pdqHash}, for whoever must compute the same hash of the
 * same picture (a reference list's entries): uniform border bands trimmed, so a letterboxed or
 * framed re-upload hashes like its original (measured in docs/perceptual-hash.md), and pictures
 * over {@value #SIDE} pixels a side first scaled to fit, as ThreatExchange's own hashing tools do:
 * PDQ's box filters over a full 1080p frame took 45 ms, five times the DCT hash, and the 64×64 it
 * keeps cannot tell the difference beyond a few bits.
 */
public final class ProbePdq {

    /** The largest side PDQ is computed on. */
    static final int SIDE = 512;

    private ProbePdq() {}

    public static PdqResult of(BufferedImage picture) {
        return PdqHasher.hash(ScaledToFit.of(picture, SIDE), PdqHasher.Borders.TRIM);
    }

    /** The hashes of the picture's eight rotations and flips, the original's equal to {@link #of}'s. */
    public static PdqDihedralHashes dihedral(BufferedImage picture) {
        return PdqHasher.dihedral(ScaledToFit.of(picture, SIDE), PdqHasher.Borders.TRIM);
    }
}
