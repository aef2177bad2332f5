package io.montage.models.vision.caption;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.DynamicBatcher;
import io.montage.models.batching.Timed;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.text.BatchExecution;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The part both captioners share: a {@link DynamicBatcher} over a {@link CaptionTask} and the native resources behind
 * it, closed after the batcher has drained.
 */
final class BatchedCaptions implements AutoCloseable {

    private final DynamicBatcher<BufferedImage, GeneratedCaption> batcher;
    private final OwnedResources resources;

    /**
     * @param opening  what the captioner opened (sessions, tokenizer); handed over to these captions, which
     *                 close it after the batcher
     * @param sessions the task's sessions, among them
     */
    BatchedCaptions(
            String name,
            CaptionTask task,
            BatchingConfig batching,
            MeterRegistry registry,
            OwnedResources opening,
            ModelSession... sessions) {
        // A dynamically quantised encoder or decoder would make a caption depend on the other images of its batch.
        this.batcher = opening.add(
                DynamicBatcher.create(name, BatchExecution.forSessions(sessions).apply(task), batching, registry));
        this.resources = opening.handOver();
    }

    GeneratedCaption caption(BufferedImage image) {
        return batcher.process(image);
    }

    Timed<GeneratedCaption> captionTimed(BufferedImage image) {
        return batcher.processTimed(image);
    }

    List<GeneratedCaption> captionAll(List<BufferedImage> images) {
        return batcher.processAll(images);
    }

    List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images) {
        return batcher.processAllTimed(images);
    }

    /** Drains the batcher, then closes what the captioner opened. */
    @Override
    public void close() {
        resources.close();
    }
}
