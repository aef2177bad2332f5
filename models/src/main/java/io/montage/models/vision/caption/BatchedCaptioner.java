package io.montage.models.vision.caption;

import io.montage.models.batching.Timed;
import java.awt.image.BufferedImage;
import java.util.List;

/** What every captioner does the same way: requests go through its {@link BatchedCaptions}. */
abstract class BatchedCaptioner implements ImageCaptioner {

    private final String modelId;
    private final BatchedCaptions captions;

    BatchedCaptioner(String modelId, BatchedCaptions captions) {
        this.modelId = modelId;
        this.captions = captions;
    }

    @Override
    public final GeneratedCaption caption(BufferedImage image) {
        return captions.caption(image);
    }

    @Override
    public final Timed<GeneratedCaption> captionTimed(BufferedImage image) {
        return captions.captionTimed(image);
    }

    @Override
    public final List<GeneratedCaption> captionAll(List<BufferedImage> images) {
        return captions.captionAll(images);
    }

    @Override
    public final List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images) {
        return captions.captionAllTimed(images);
    }

    @Override
    public final String modelId() {
        return modelId;
    }

    /** Drains pending requests, then closes the sessions and the tokenizer. */
    @Override
    public final void close() {
        captions.close();
    }
}
