package io.montage.processors.moderation;

import io.montage.models.vision.hash.PdqHash;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of a reference list as the matcher compares it: PDQ hashes, an embedding, or both.
 *
 * @param pdqHashes  the reference's PDQ hash and, where turned and mirrored copies should match
 *                   too, the hashes of its other rotations and flips; empty for none
 * @param pdqQuality the reference hash's quality, where the list knows it
 */
public record Reference(
        String list,
        String referenceId,
        List<PdqHash> pdqHashes,
        OptionalInt pdqQuality,
        Optional<ReferenceEmbedding> embedding) {

    public Reference {
        pdqHashes = List.copyOf(pdqHashes);
    }

    /**
     * The entry's key on the reference-lists topic. A list's name may not hold a '/', so the key
     * tells list and id apart.
     */
    public static String key(String list, String referenceId) {
        if (list.isBlank() || list.contains("/")) {
            throw new IllegalArgumentException("a list's name must be non-empty and without '/', was '" + list + "'");
        }
        if (referenceId.isBlank()) {
            throw new IllegalArgumentException("a reference id must be non-empty");
        }
        return list + "/" + referenceId;
    }
}
