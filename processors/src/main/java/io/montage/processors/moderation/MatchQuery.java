package io.montage.processors.moderation;

import io.montage.models.vision.hash.PdqHash;
import io.montage.schemas.avro.Modality;

/** What of an upload is compared with the reference lists. */
public sealed interface MatchQuery {

    /** The upload's PDQ hash and its quality, from the probe. */
    record Hash(PdqHash hash, int quality) implements MatchQuery {}

    /** One of the upload's embeddings, from the embedding stages. */
    record Vector(CosineVector vector, Modality modality, String modelId) implements MatchQuery {}
}
