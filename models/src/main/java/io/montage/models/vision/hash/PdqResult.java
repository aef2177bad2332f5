package io.montage.models.vision.hash;

/**
 * A PDQ hash and its quality (0..100). Below {@link #MATCHABLE_QUALITY} the picture is too
 * featureless for its hash to mean much; Meta recommends discarding such hashes.
 */
public record PdqResult(PdqHash hash, int quality) {

    /** Meta's recommended floor (ThreatExchange pdq/README.md: discard quality ≤ 49). */
    public static final int MATCHABLE_QUALITY = 50;

    public boolean matchable() {
        return quality >= MATCHABLE_QUALITY;
    }
}
