package io.montage.topology.search;

import io.montage.models.text.TextEmbedder;

/**
 * Text queries embedded by the text-embed stage's own embedder, so they land in the same space as
 * the caption, OCR and transcript vectors it wrote.
 *
 * @param model catalog id the stage writes on its embeddings, which names the index to search
 */
public record TextQueries(TextEmbedder embedder, String model) {}
