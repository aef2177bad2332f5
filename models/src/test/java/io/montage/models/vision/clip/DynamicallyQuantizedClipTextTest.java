package io.montage.models.vision.clip;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLIP's text tower always runs a padded batch; a dynamically quantised one (models/tools/make_export_variants.py:
 * DynamicQuantizeLinear before the first MatMul) would then quantise a text together with its companions and their
 * padding. Montage sees the operator in the graph and runs that tower one text per call.
 */
class DynamicallyQuantizedClipTextTest {

    private static final ModelRuntime RUNTIME =
            new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));
    private static final String QUANTIZED_TEXT = "/tiny-variants/clip/text_model_dynamic_quantized.onnx";

    @Test
    void theFixturesVectorDependsOnItsPaddedBatch(@TempDir Path dir) throws Exception {
        Path file = copy(QUANTIZED_TEXT, dir.resolve("text_model.onnx"));
        try (ModelSession text = RUNTIME.open("quantized-text", file, ModelRuntime.WarmUp.NONE)) {
            assertThat(text.dynamicallyQuantized()).isTrue();
            long[][] alone = {{49406, 320, 1929, 49407}};
            long[][] padded = {
                {49406, 320, 1929, 49407, 49407, 49407, 49407, 49407}, {49406, 320, 2368, 539, 320, 1125, 593, 49407}
            };
            assertThat(firstVector(text, padded)).isNotEqualTo(firstVector(text, alone));
        }
    }

    @Test
    void batchedTextsEqualOneAtATimeExactly(@TempDir Path dir) throws Exception {
        ModelFiles files = TinyClip.files(dir);
        copy(QUANTIZED_TEXT, dir.resolve("text_model.onnx"));
        try (ClipEmbedder clip = ClipEmbedder.builder()
                .files(files)
                .runtime(RUNTIME)
                .batching(BatchingConfig.defaults().withMaxQueueDelay(Duration.ofMillis(200)))
                .build()) {
            List<String> texts =
                    List.of("a dog", "a photo of a cat with a very long description of its diagram", "cat", "!");
            List<float[]> batched = clip.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batched.get(i)).as(texts.get(i)).containsExactly(clip.embed(texts.get(i)));
            }
            assertThat(batched.get(0)).isNotEqualTo(batched.get(2));
        }
    }

    private static float[] firstVector(ModelSession text, long[][] ids) throws Exception {
        try (OnnxTensor input = OnnxTensor.createTensor(text.environment(), ids);
                var result = text.run(Map.of("input_ids", input))) {
            float[][] vectors = (float[][]) result.get(0).getValue();
            return Arrays.copyOf(vectors[0], vectors[0].length);
        }
    }

    private static Path copy(String resource, Path target) throws Exception {
        try (InputStream in = DynamicallyQuantizedClipTextTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}
