package io.montage.models.vision.clip;

import io.montage.models.text.TextEmbedder;

/**
 * Embeds images and texts into one space (CLIP's contrastive towers), so an image's vector can be
 * compared with a text's: zero-shot labels, text-to-image search. Both kinds of vector have unit length.
 */
public interface ImageTextEmbedder extends ImageEmbedder, TextEmbedder {

    /** The temperature that turns cosines into label logits: {@code softmax(logitScale · cos)}. */
    double logitScale();
}
