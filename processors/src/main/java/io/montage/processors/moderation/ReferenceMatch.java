package io.montage.processors.moderation;

import io.montage.schemas.avro.MatchSignal;

/**
 * A reference the query came within the threshold of.
 *
 * @param distance  PDQ: Hamming bits; embeddings: cosine distance
 * @param threshold the largest distance that counted
 */
public record ReferenceMatch(Reference reference, MatchSignal signal, double distance, double threshold) {}
