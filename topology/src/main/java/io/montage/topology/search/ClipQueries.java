package io.montage.topology.search;

import io.montage.models.media.ImageDecoder;
import io.montage.models.vision.clip.ImageTextEmbedder;

/**
 * Queries embedded by the image-embed stage's own CLIP model, so they land in the space of the
 * image and frame vectors it wrote: an uploaded picture through its image tower, a text through
 * its text tower (zero-shot search of pictures by words).
 *
 * @param clip the CLIP model the image-embed stage runs in this instance
 * @param model catalog id the stage writes on its embeddings, which names the index to search
 * @param decoder the decoder the vision stages use, with the same limits, so a query image is read
 *     as an upload would be
 * @param maxImageBytes the largest query image accepted ({@code montage.media.max-bytes})
 */
public record ClipQueries(ImageTextEmbedder clip, String model, ImageDecoder decoder, long maxImageBytes) {}
