package io.montage.models.vision.caption;

import io.montage.models.batching.Timed;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Describes an image in one sentence (alt text, auto-captions of uploads). Thread-safe: concurrent callers are
 * gathered into one generation batch.
 */
public interface ImageCaptioner extends AutoCloseable {

    GeneratedCaption caption(BufferedImage image);

    /** Like {@link #caption}, with the queue wait, model run time and batch size of the call that made it. */
    Timed<GeneratedCaption> captionTimed(BufferedImage image);

    /** Captions all images, batched together; results are in input order. */
    List<GeneratedCaption> captionAll(List<BufferedImage> images);

    /** Like {@link #captionAll}, with each caption's queue wait, model run time and batch size. */
    List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images);

    /** Catalog id of the model that writes the captions, for the output record. */
    String modelId();

    @Override
    void close();
}
