package io.montage.models.vision.hash.bench;

import io.montage.models.media.DctPerceptualHash;
import io.montage.models.vision.hash.Dihedral;
import io.montage.models.vision.hash.PdqDihedralHashes;
import io.montage.models.vision.hash.PdqHash;
import io.montage.models.vision.hash.PdqHasher;
import io.montage.models.vision.hash.PdqHasher.Borders;
import java.awt.image.BufferedImage;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

/**
 * A hash under measurement: how a picture is hashed, how a query is compared with a reference, and
 * the distance at or under which the two count as the same picture.
 *
 * @param distance (query, reference) → distance; a dihedral query looks at all eight variants
 *                 against the reference's original, as a list of originals would be searched
 */
public record HashScheme<H>(
        String name, int bits, int threshold, Function<BufferedImage, H> hash, ToIntBiFunction<H, H> distance) {

    /** The probe's current 64-bit DCT hash; its own documentation calls ≤ 8 "the same picture". */
    public static HashScheme<Long> dct64(int threshold) {
        return new HashScheme<>("DCT 64-bit", 64, threshold, DctPerceptualHash::of, DctPerceptualHash::distance);
    }

    public static HashScheme<PdqHash> pdq(int threshold, Borders borders) {
        return new HashScheme<>(
                "PDQ 256-bit" + suffix(borders),
                PdqHash.BITS,
                threshold,
                image -> PdqHasher.hash(image, borders).hash(),
                PdqHash::distance);
    }

    /** PDQ matched against any of the query's rotations and flips: for lists that ask for mirrored copies. */
    public static HashScheme<PdqDihedralHashes> pdqDihedral(int threshold, Borders borders) {
        return new HashScheme<>(
                "PDQ 256-bit, dihedral" + suffix(borders),
                PdqHash.BITS,
                threshold,
                image -> PdqHasher.dihedral(image, borders),
                (query, reference) -> query.minimumDistance(reference.of(Dihedral.ORIGINAL)));
    }

    private static String suffix(Borders borders) {
        return borders == Borders.TRIM ? ", borders trimmed" : "";
    }

    public HashScheme<H> withThreshold(int other) {
        return new HashScheme<>(name, bits, other, hash, distance);
    }
}
