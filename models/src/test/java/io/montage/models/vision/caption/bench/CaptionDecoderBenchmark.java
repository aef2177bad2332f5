package io.montage.models.vision.caption.bench;

import io.montage.models.batching.BatchingConfig;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.caption.CaptionSettings;
import io.montage.models.vision.caption.Florence2Captioner;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.models.vision.caption.VisionEncoderDecoderCaptioner;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Captioning decoder steps per second on the tiny random-weight models, batch 1 against batch 4 (whole captions:
 * preprocessing, encoder and every decoder step). Greedy decoding with no end-of-sequence in sight (random weights), so
 * every caption runs exactly {@value #NEW_TOKENS} steps (Florence-2: its forced {@code </s>} ends it one step early).
 * The tiny decoders are 8 wide: the figure measures the generation loop's own cost (feeds, KV cache, logits over a
 * 50k vocabulary), not a real model's arithmetic.
 *
 * <p>Run: {@code mvn -q -o -pl models test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.montage.models.vision.caption.bench.CaptionDecoderBenchmark} (tokenizer.json: any byte-level BPE
 * tokenizer, e.g. models/src/test/resources/speech/whisper-tokenizer/tokenizer.json, is used for both models).
 */
public final class CaptionDecoderBenchmark {

    private static final int NEW_TOKENS = 16;
    private static final int ROUNDS = 12;

    private CaptionDecoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("caption-bench");
        var runtime = new ModelRuntime(RuntimeSettings.cpu());
        var settings = new CaptionSettings(new io.montage.models.generation.GreedySearch(), NEW_TOKENS, 0);
        for (int batch : new int[] {1, 4}) {
            BatchingConfig batching = BatchingConfig.defaults()
                    .withMaxBatchSize(batch)
                    .withMaxQueueDelay(Duration.ofMillis(batch == 1 ? 0 : 500));
            try (ImageCaptioner vit = VisionEncoderDecoderCaptioner.builder()
                    .files(vitGpt2(dir.resolve("vit-" + batch)))
                    .runtime(runtime)
                    .batching(batching)
                    .settings(settings)
                    .build()) {
                report("vit-gpt2 (tiny)", vit, batch, NEW_TOKENS);
            }
            try (ImageCaptioner florence = Florence2Captioner.builder()
                    .files(florence2(dir.resolve("florence-" + batch)))
                    .runtime(runtime)
                    .batching(batching)
                    .settings(settings.withNoRepeatNGramSize(3))
                    .build()) {
                report("Florence-2 (tiny)", florence, batch, NEW_TOKENS);
            }
        }
    }

    private static void report(String name, ImageCaptioner captioner, int batch, int stepsPerCaption) {
        List<BufferedImage> images = images(batch);
        captioner.captionAll(images); // warm-up
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            captioner.captionAll(images);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double captions = ROUNDS * (double) batch;
        System.out.printf(
                "%-18s batch %d: %6.1f decoder steps/s (%.1f batched steps/s), %.1f ms per caption%n",
                name,
                batch,
                captions * stepsPerCaption / seconds,
                ROUNDS * stepsPerCaption / seconds,
                1000 * seconds / captions);
    }

    private static List<BufferedImage> images(int count) {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(30 * i, 120, 200 - 30 * i));
            g.fillRect(0, 0, 640, 480);
            g.setColor(Color.WHITE);
            g.fillOval(100 + 40 * i, 100, 200, 150);
            g.dispose();
            images.add(image);
        }
        return images;
    }

    private static ModelFiles vitGpt2(Path dir) throws Exception {
        return files("bench-vit-gpt2", dir, "/tiny/vit-gpt2/", "encoder_model.onnx", "decoder_model_merged.onnx");
    }

    private static ModelFiles florence2(Path dir) throws Exception {
        return files(
                "bench-florence-2",
                dir,
                "/tiny/florence2/",
                "vision_encoder.onnx",
                "embed_tokens.onnx",
                "encoder_model.onnx",
                "decoder_model_merged.onnx");
    }

    private static ModelFiles files(String id, Path dir, String resourceDir, String... onnx) throws Exception {
        Files.createDirectories(dir);
        for (String name : onnx) {
            copy(resourceDir + name, dir.resolve(name));
        }
        copy("/speech/whisper-tokenizer/tokenizer.json", dir.resolve("tokenizer.json"));
        List<String> names = new ArrayList<>(Arrays.asList(onnx));
        names.add("tokenizer.json");
        var spec = new ModelSpec(
                id,
                "image-captioning",
                "tiny benchmark model",
                "Apache-2.0",
                names.stream().map(n -> new ModelFile(n, null, null)).toList(),
                List.of(),
                Map.of());
        return new ModelFiles(spec, dir);
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = CaptionDecoderBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.copy(in, target);
        }
    }
}
