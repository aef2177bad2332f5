package io.montage.tests.bench;

import io.montage.models.batching.Timed;
import io.montage.models.vision.caption.GeneratedCaption;
import io.montage.models.vision.caption.ImageCaptioner;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The tiny caption model made slow, for the benchmark only: each call first waits {@code millisPerImage}
 * per image without using the CPU, as a large captioner on a busy GPU keeps its stage waiting. What
 * the benchmark shows with it is whether another stage's latency suffers while captions lag behind.
 */
final class SlowCaptioner implements ImageCaptioner {

    private final ImageCaptioner tiny;
    private final long millisPerImage;

    SlowCaptioner(ImageCaptioner tiny, long millisPerImage) {
        this.tiny = tiny;
        this.millisPerImage = millisPerImage;
    }

    @Override
    public GeneratedCaption caption(BufferedImage image) {
        return captionAllTimed(List.of(image)).get(0).value();
    }

    @Override
    public Timed<GeneratedCaption> captionTimed(BufferedImage image) {
        return captionAllTimed(List.of(image)).get(0);
    }

    @Override
    public List<GeneratedCaption> captionAll(List<BufferedImage> images) {
        return captionAllTimed(images).stream().map(Timed::value).toList();
    }

    @Override
    public List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images) {
        try {
            Thread.sleep(millisPerImage * images.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return tiny.captionAllTimed(images);
    }

    @Override
    public String modelId() {
        return tiny.modelId() + "-slowed";
    }

    @Override
    public void close() {
        tiny.close();
    }
}
