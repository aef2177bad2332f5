package io.montage.models.vision.caption;

import io.montage.models.batching.BatchingConfig;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Model-cache entries made of the committed tiny random-weight captioning models (vit-gpt2: models/tools/make_tiny_models.py;
 * Florence-2: models/tools/make_tiny_florence2.py) and byte-level test tokenizers.
 */
public final class TinyCaptionModels {

    static final ModelRuntime RUNTIME = new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));

    private TinyCaptionModels() {}

    public static ModelFiles vitGpt2(Path directory) throws IOException {
        copy("/tiny/vit-gpt2/encoder_model.onnx", directory);
        copy("/tiny/vit-gpt2/decoder_model_merged.onnx", directory);
        ByteLevelTestTokenizer.gpt2(directory);
        return files("tiny-vit-gpt2", directory, "encoder_model.onnx", "decoder_model_merged.onnx", "tokenizer.json");
    }

    public static ModelFiles florence2(Path directory) throws IOException {
        for (String name : List.of(
                "vision_encoder.onnx", "embed_tokens.onnx", "encoder_model.onnx", "decoder_model_merged.onnx")) {
            copy("/tiny/florence2/" + name, directory);
        }
        ByteLevelTestTokenizer.bart(directory);
        return files(
                "tiny-florence-2",
                directory,
                "vision_encoder.onnx",
                "embed_tokens.onnx",
                "encoder_model.onnx",
                "decoder_model_merged.onnx",
                "tokenizer.json");
    }

    /** Batches of up to {@code size}, which wait long enough for a concurrent burst to fill them. */
    static BatchingConfig batchesOf(int size) {
        return BatchingConfig.defaults().withMaxBatchSize(size).withMaxQueueDelay(Duration.ofMillis(200));
    }

    /** Distinct synthetic pictures: gradients, stripes and a disc, so every image gives different encoder states. */
    static List<BufferedImage> images(int count) {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var image = new BufferedImage(160 + 40 * i, 120 + 10 * i, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            for (int x = 0; x < image.getWidth(); x++) {
                g.setColor(new Color((x * (3 + i)) % 256, (40 * i) % 256, 255 - (x * 2) % 256));
                g.drawLine(x, 0, x, image.getHeight());
            }
            g.setColor(new Color(250, 250 - 60 * i, 30 + 70 * i));
            g.fillOval(20 + 15 * i, 10 + 5 * i, 60, 60);
            g.dispose();
            images.add(image);
        }
        return images;
    }

    private static ModelFiles files(String id, Path directory, String... names) {
        var spec = new ModelSpec(
                id,
                "image-captioning",
                "tiny random captioning model",
                "Apache-2.0",
                java.util.Arrays.stream(names)
                        .map(n -> new ModelFile(n, null, null))
                        .toList(),
                List.of(),
                Map.of());
        return new ModelFiles(spec, directory);
    }

    private static void copy(String resource, Path directory) throws IOException {
        try (InputStream in = TinyCaptionModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.copy(in, directory.resolve(Path.of(resource).getFileName().toString()));
        }
    }
}
