package io.montage.processors.moderation;

import io.montage.schemas.avro.Modality;

/**
 * A reference's embedding: compared only with embeddings of the same modality made by the same
 * model, since vectors of different models live in different spaces.
 */
public record ReferenceEmbedding(CosineVector vector, Modality modality, String modelId) {

    public boolean comparableWith(Modality queryModality, String queryModelId, int dimension) {
        return modality == queryModality && modelId.equals(queryModelId) && vector.dimension() == dimension;
    }
}
