package io.montage.models.generation;

/** The most probable token at every step (ties: the lowest id). generation_config.json default ({@code num_beams} 1). */
public record GreedySearch() implements SearchStrategy {}
