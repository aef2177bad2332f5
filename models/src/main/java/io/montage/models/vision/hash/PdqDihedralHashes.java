package io.montage.models.vision.hash;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The PDQ hashes of a picture's eight rotations and flips, with the picture's quality. A reference
 * list stores only originals; a query that should also match mirrored or rotated copies compares
 * each of these with the reference and keeps the smallest distance.
 */
public record PdqDihedralHashes(Map<Dihedral, PdqHash> hashes, int quality) {

    public PdqDihedralHashes {
        hashes = Map.copyOf(new EnumMap<>(Objects.requireNonNull(hashes, "hashes")));
        if (hashes.size() != Dihedral.values().length) {
            throw new IllegalArgumentException("one hash per dihedral variant is needed, got " + hashes.keySet());
        }
    }

    public PdqHash of(Dihedral variant) {
        return hashes.get(variant);
    }

    /** Smallest distance from any of the variants to {@code reference}. */
    public int minimumDistance(PdqHash reference) {
        int best = PdqHash.BITS;
        for (PdqHash hash : hashes.values()) {
            best = Math.min(best, hash.distance(reference));
        }
        return best;
    }
}
