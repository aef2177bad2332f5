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

    /** The entry's key on the reference-lists topic. */
    public static String key(String list, String referenceId) {
        return list + "/" + referenceId;
    }
}
