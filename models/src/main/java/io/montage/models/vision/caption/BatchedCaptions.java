package io.montage.models.vision.caption;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.DynamicBatcher;
import io.montage.models.batching.Timed;
import io.montage.models.runtime.ModelSession;
import io.montage.models.text.BatchExecution;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The part both captioners share: a {@link DynamicBatcher} over a {@link CaptionTask} and the native resources behind
 * it, closed after the batcher has drained.
 */
final class BatchedCaptions implements AutoCloseable {

    private final DynamicBatcher<BufferedImage, GeneratedCaption> batcher;
    private final List<AutoCloseable> resources;

    /** @param resources closed in order after the batcher */
    BatchedCaptions(
            String name,
            CaptionTask task,
            BatchingConfig batching,
            MeterRegistry registry,
            List<AutoCloseable> resources) {
        // A dynamically quantised encoder or decoder would make a caption depend on the other images of its batch.
        ModelSession[] sessions = resources.stream()
                .filter(ModelSession.class::isInstance)
                .map(ModelSession.class::cast)
                .toArray(ModelSession[]::new);
        this.batcher =
                DynamicBatcher.create(name, BatchExecution.forSessions(sessions).apply(task), batching, registry);
        this.resources = List.copyOf(resources);
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

    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            closeAll(resources);
        }
    }

    /** Closes every resource even when one fails; the first failure is rethrown. */
    static void closeAll(List<? extends AutoCloseable> resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a captioning resource failed: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
