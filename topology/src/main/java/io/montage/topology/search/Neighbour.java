package io.montage.topology.search;

/**
 * One search result.
 *
 * @param similarity cosine similarity to the query, in [-1, 1]
 * @param distance cosine distance, 1 − similarity
 */
public record Neighbour(EmbeddedItem item, float similarity, float distance) {}
