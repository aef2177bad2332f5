package io.montage.models.vision.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vit-gpt2 batches up to 32 images; with a dynamically quantised encoder (models/tools/make_export_variants.py:
 * DynamicQuantizeLinear before its first MatMul) a caption would depend on the other images of its batch. Montage
 * reads the operator from the graph and captions such a model one image per call.
 */
class DynamicallyQuantizedCaptionerTest {

    @Test
    void batchedCaptionsEqualOneAtATimeExactly(@TempDir Path dir) throws Exception {
        var files = TinyCaptionModels.vitGpt2(dir);
        try (InputStream in =
                getClass().getResourceAsStream("/tiny-variants/vit-gpt2/encoder_model_dynamic_quantized.onnx")) {
            Files.copy(in, dir.resolve("encoder_model.onnx"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<BufferedImage> images = TinyCaptionModels.images(4);
        try (VisionEncoderDecoderCaptioner captioner = VisionEncoderDecoderCaptioner.builder()
                .files(files)
                .runtime(TinyCaptionModels.RUNTIME)
                .batching(TinyCaptionModels.batchesOf(4))
                .settings(CaptionSettings.vitGpt2().withMaxNewTokens(8))
                .build()) {
            assertThat(captioner.task().encoder()).isInstanceOf(VitEncoder.class);
            List<GeneratedCaption> batched = captioner.captionAll(images);
            for (int i = 0; i < images.size(); i++) {
                assertThat(batched.get(i)).as("image %d", i).isEqualTo(captioner.caption(images.get(i)));
            }
            assertThat(batched)
                    .as("distinct images, distinct outputs")
                    .extracting(GeneratedCaption::averageLogProbability)
                    .doesNotHaveDuplicates();
        }
    }
}
