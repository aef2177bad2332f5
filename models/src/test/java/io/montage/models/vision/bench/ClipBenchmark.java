package io.montage.models.vision.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.text.BatchExecution;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.PixelFixtures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * CLIP's speed on this machine: preprocessing milliseconds per 1080p photo-like image (Pillow-exact
 * bicubic shortest-edge resize, crop, normalise), and embeddings per second through ClipEmbedder's
 * batchers with the tiny random-weight towers at batch 1 and 8 (so the figures are Montage's overhead
 * plus a very small model, not CLIP ViT-B/32's cost). Not a test; run by hand from the repo root:
 * <pre>
 * mvn -q -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -cp "$(cat /tmp/cp)":models/target/classes:models/target/test-classes io.montage.models.vision.bench.ClipBenchmark
 * </pre>
 */
public final class ClipBenchmark {

    private ClipBenchmark() {}

    public static void main(String[] args) throws Exception {
        BufferedImage photo = photoLike(1920, 1080, 7);
        var preprocessor = new ImagePreprocessor(ImagePreprocessing.CLIP);
        double preprocessMs = millisPerCall(() -> preprocessor.preprocess(photo), 20, 100);
        System.out.printf("CLIP preprocessing, 1920x1080 -> 3x224x224: %.2f ms/image%n", preprocessMs);

        // Batch 1 without a queue delay (a lone request should not wait for companions); batch 8 with
        // a delay long enough for all 8 to be queued, so each call is one full batch.
        var single = BatchingConfig.defaults().withMaxBatchSize(1).withMaxQueueDelay(Duration.ZERO);
        var eight = BatchingConfig.defaults().withMaxBatchSize(8).withMaxQueueDelay(Duration.ofMillis(200));
        try (ClipEmbedder one = tinyClip(single);
                ClipEmbedder batched = tinyClip(eight)) {
            BufferedImage image = PixelFixtures.image("photo-720x480.png");
            double imageOne = millisPerCall(() -> one.embedImage(image), 20, 200);
            double imageEight = millisPerCall(() -> batched.embedImages(Collections.nCopies(8, image)), 5, 50);
            System.out.printf(
                    "tiny CLIP vision tower (720x480 input, preprocessing included): batch 1 %.0f images/s, batch 8 %.0f images/s%n",
                    1000 / imageOne, 8000 / imageEight);
            String text = "a photo of a dog on a beach";
            double textOne = millisPerCall(() -> one.embed(text), 20, 500);
            double textEight = millisPerCall(() -> batched.embedAll(Collections.nCopies(8, text)), 10, 200);
            System.out.printf(
                    "tiny CLIP text tower: batch 1 %.0f texts/s, batch 8 %.0f texts/s%n",
                    1000 / textOne, 8000 / textEight);
        }
    }

    private static ClipEmbedder tinyClip(BatchingConfig batching) throws Exception {
        Path dir = Files.createTempDirectory("clip-bench");
        return ClipEmbedder.builder()
                .files(tinyFiles(dir))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .batching(batching)
                .batchExecution(BatchExecution.PADDED)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    private static double millisPerCall(Runnable call, int warmUp, int measured) {
        for (int i = 0; i < warmUp; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e6 / measured;
    }

    /** Sky gradient, hills, a textured field and fine window grids: a resize meets edges, texture and smooth areas. */
    static BufferedImage photoLike(int width, int height, long seed) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 230), 0, height, new Color(200, 210, 190)));
        g.fillRect(0, 0, width, height);
        var random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(40 + random.nextInt(60), 90 + random.nextInt(80), 30 + random.nextInt(40)));
            int x = random.nextInt(width);
            int y = height / 2 + random.nextInt(height / 2);
            g.fillOval(x, y, 20 + random.nextInt(200), 10 + random.nextInt(80));
        }
        g.setColor(new Color(150, 120, 105));
        g.fillRect(width / 6, height / 4, width / 5, height / 2);
        g.setStroke(new BasicStroke(1));
        for (int y = height / 4 + 8; y < height * 3 / 4 - 8; y += 14) {
            for (int x = width / 6 + 6; x < width / 6 + width / 5 - 8; x += 10) {
                g.setColor(random.nextBoolean() ? new Color(250, 240, 190) : new Color(30, 35, 60));
                g.fillRect(x, y, 5, 7);
            }
        }
        g.dispose();
        return image;
    }

    private static ModelFiles tinyFiles(Path dir) throws Exception {
        copy("/tiny/clip/vision_model.onnx", dir.resolve("vision_model.onnx"));
        copy("/tiny/clip/text_model.onnx", dir.resolve("text_model.onnx"));
        copy("/vision/clip-tokenizer/tokenizer.json", dir.resolve("tokenizer.json"));
        var spec = new ModelSpec(
                "tiny-clip",
                "image-text-embedding",
                "tiny random CLIP towers",
                "Apache-2.0",
                List.of(
                        new ModelFile("vision_model.onnx", null, null),
                        new ModelFile("text_model.onnx", null, null),
                        new ModelFile("tokenizer.json", null, null)),
                List.of(),
                Map.of());
        return new ModelFiles(spec, dir);
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = ClipBenchmark.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
