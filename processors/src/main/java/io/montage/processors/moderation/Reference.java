package io.montage.processors.moderation;

import io.montage.models.vision.hash.PdqHash;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of a reference list as the matcher compares it: a PDQ hash, an embedding, or both.
 *
 * @param pdqQuality the reference hash's quality, where the list knows it
 */
public record Reference(
        String list,
        String referenceId,
        Optional<PdqHash> pdq,
        OptionalInt pdqQuality,
        Optional<ReferenceEmbedding> embedding) {

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
