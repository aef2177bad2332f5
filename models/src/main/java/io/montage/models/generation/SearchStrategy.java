package io.montage.models.generation;

/** How the next token is chosen from the processed logits. */
public sealed interface SearchStrategy permits GreedySearch, BeamSearch, SampledSearch {}
