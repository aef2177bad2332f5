package io.montage.models.vision.clip;

import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.store.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model cache entry made of the committed tiny random-weight CLIP towers (models/tools/make_tiny_models.py,
 * the real exports' I/O) and the CLIP-structured test tokenizer (models/tools/make_clip_test_tokenizer.py).
 */
public final class TinyClip {

    public static final String ID = "tiny-clip";

    private TinyClip() {}

    public static ModelFiles files(Path directory) throws IOException {
        return files(directory, "/tiny/clip/vision_model.onnx");
    }

    /** As {@link #files(Path)} with another resource in place of the vision tower. */
    static ModelFiles files(Path directory, String visionResource) throws IOException {
        copy(visionResource, directory.resolve("vision_model.onnx"));
        copy("/tiny/clip/text_model.onnx", directory.resolve("text_model.onnx"));
        copy("/vision/clip-tokenizer/tokenizer.json", directory.resolve("tokenizer.json"));
        var spec = new ModelSpec(
                ID,
                "image-text-embedding",
                "tiny random CLIP towers",
                "Apache-2.0",
                List.of(
                        new ModelFile("vision_model.onnx", null, null),
                        new ModelFile("text_model.onnx", null, null),
                        new ModelFile("tokenizer.json", null, null)),
                List.of(),
                Map.of());
        return new ModelFiles(spec, directory);
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = TinyClip.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.copy(in, target);
        }
    }
}
