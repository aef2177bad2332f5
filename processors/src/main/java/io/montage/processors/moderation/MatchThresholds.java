package io.montage.processors.moderation;

import io.montage.models.vision.hash.PdqHash;
import io.montage.models.vision.hash.PdqHasher;
import io.montage.models.vision.hash.PdqResult;

/**
 * How close an upload must be to a reference to match it.
 *
 * @param pdqMaxDistance     largest PDQ Hamming distance that matches, 0..256. Meta's default is 31
 *                           (ThreatExchange pdq/README.md); docs/perceptual-hash.md measured no false
 *                           match at 31 on 318,400 pairs, but crops and 2° rotations rarely match
 *                           there; at 93 they do, with 0.08 % false matches per pair
 * @param pdqMinQuality      hashes of uploads (and of references, where known) below this PDQ
 *                           quality are not matched: Meta's cut-off is 50
 * @param maxCosineDistance  largest cosine distance (1 − cosine similarity, 0..2) between an
 *                           upload's embedding and a reference's that matches
 */
public record MatchThresholds(int pdqMaxDistance, int pdqMinQuality, double maxCosineDistance) {

    /**
     * A cosine distance of 0.05 (similarity 0.95) is a near-copy in CLIP's space rather than "the
     * same subject"; a starting point to tune per deployment, not a measured optimum.
     */
    public static final double DEFAULT_MAX_COSINE_DISTANCE = 0.05;

    public MatchThresholds {
        if (pdqMaxDistance < 0 || pdqMaxDistance > PdqHash.BITS) {
            throw new IllegalArgumentException(
                    "the PDQ match distance must be 0.." + PdqHash.BITS + " bits, was " + pdqMaxDistance);
        }
        if (pdqMinQuality < 0 || pdqMinQuality > 100) {
            throw new IllegalArgumentException("the PDQ quality floor must be 0..100, was " + pdqMinQuality);
        }
        if (!(maxCosineDistance >= 0 && maxCosineDistance <= 2)) {
            throw new IllegalArgumentException("the cosine match distance must be 0..2, was " + maxCosineDistance);
        }
    }

    /** Meta's PDQ defaults and {@link #DEFAULT_MAX_COSINE_DISTANCE}. */
    public static MatchThresholds defaults() {
        return new MatchThresholds(PdqHasher.MATCH_DISTANCE, PdqResult.MATCHABLE_QUALITY, DEFAULT_MAX_COSINE_DISTANCE);
    }
}
