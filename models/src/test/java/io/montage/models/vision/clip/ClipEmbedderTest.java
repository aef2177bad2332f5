package io.montage.models.vision.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.text.BatchExecution;
import io.montage.models.vision.preprocess.PixelFixtures;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClipEmbedder wired to the tiny random-weight towers, which have the real exports' inputs and outputs. */
class ClipEmbedderTest {

    private static final ModelRuntime RUNTIME =
            new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));
    private static final List<String> IMAGES =
            List.of("photo-720x480.png", "portrait-rgba-260x410.png", "gray-97x61.png", "palette-257x229.png");
    private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();

    @TempDir
    static Path cache;

    private static ClipEmbedder clip;

    @BeforeAll
    static void load() throws Exception {
        // A long queue delay so that embedImages/embedAll really share one model call.
        clip = ClipEmbedder.builder()
                .files(TinyClip.files(cache))
                .runtime(RUNTIME)
                .batchExecution(BatchExecution.PADDED)
                .batching(BatchingConfig.defaults().withMaxQueueDelay(Duration.ofMillis(200)))
                .meterRegistry(METRICS)
                .build();
    }

    @AfterAll
    static void close() {
        if (clip != null) {
            clip.close();
        }
    }

    @Test
    void imageAndTextVectorsAreUnitLengthIn512Dimensions() throws Exception {
        float[] image = clip.embedImage(PixelFixtures.image("photo-720x480.png"));
        float[] text = clip.embed("a photo of a dog");
        assertThat(clip.dimension()).isEqualTo(512);
        assertThat(image).hasSize(512);
        assertThat(text).hasSize(512);
        assertThat(norm(image)).isCloseTo(1.0, within(1e-5));
        assertThat(norm(text)).isCloseTo(1.0, within(1e-5));
        assertThat(clip.modelId()).isEqualTo(TinyClip.ID);
        assertThat(clip.logitScale()).isEqualTo(100.0);
    }

    @Test
    void imageEmbeddingIsTheVisionTowerOnThePillowReferencePixelsNormalised() throws Exception {
        float[] pixels = PixelFixtures.tensor("photo-720x480.clip.f32");
        float[] expected;
        try (ModelSession vision =
                        RUNTIME.open("raw-vision", cache.resolve("vision_model.onnx"), ModelRuntime.WarmUp.NONE);
                OnnxTensor input = OnnxTensor.createTensor(
                        vision.environment(), FloatBuffer.wrap(pixels), new long[] {1, 3, 224, 224});
                OrtSession.Result result = vision.run(Map.of("pixel_values", input))) {
            expected = ((float[][]) result.get("image_embeds").orElseThrow().getValue())[0];
        }
        float[] actual = clip.embedImage(PixelFixtures.image("photo-720x480.png"));
        double norm = norm(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("dimension %d", i).isCloseTo((float) (expected[i] / norm), within(1e-5f));
        }
    }

    @Test
    void textEmbeddingIsTheTextTowerOnStartTextEndIds() throws Exception {
        long[] ids;
        try (var tokenizer = new ClipTokenizer("t", cache.resolve("tokenizer.json"), 77)) {
            ids = tokenizer.encode("A   Dog");
        }
        assertThat(ids[0]).isEqualTo(49406);
        assertThat(ids[ids.length - 1]).isEqualTo(49407);
        float[] expected;
        try (ModelSession text = RUNTIME.open("raw-text", cache.resolve("text_model.onnx"), ModelRuntime.WarmUp.NONE);
                OnnxTensor input = OnnxTensor.createTensor(text.environment(), new long[][] {ids});
                OrtSession.Result result = text.run(Map.of("input_ids", input))) {
            expected = ((float[][]) result.get("text_embeds").orElseThrow().getValue())[0];
        }
        float[] actual = clip.embed("a dog"); // lower-cased and whitespace-collapsed like "A   Dog"
        double norm = norm(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("dimension %d", i).isCloseTo((float) (expected[i] / norm), within(1e-5f));
        }
    }

    @Test
    void tokensBeyondTheContextLengthAreCutKeepingEndOfText() {
        try (var tokenizer = new ClipTokenizer("t", cache.resolve("tokenizer.json"), 77)) {
            long[] ids = tokenizer.encode("dog ".repeat(200));
            assertThat(ids).hasSize(77);
            assertThat(ids[0]).isEqualTo(49406);
            assertThat(ids[76]).isEqualTo(49407);
            assertThat(tokenizer.padId()).isEqualTo(49407);
        }
    }

    @Test
    void batchedImagesEqualOneAtATime() throws Exception {
        var images = new ArrayList<BufferedImage>();
        for (String name : IMAGES) {
            images.add(PixelFixtures.image(name));
        }
        double maxBefore = METRICS.find("montage.model.batch.size")
                .tag("model", TinyClip.ID + "/vision_model")
                .summary()
                .max();
        List<float[]> batched = clip.embedImages(images);
        assertThat(METRICS.find("montage.model.batch.size")
                        .tag("model", TinyClip.ID + "/vision_model")
                        .summary()
                        .max())
                .as("largest vision batch")
                .isGreaterThanOrEqualTo(Math.max(2, maxBefore));
        for (int i = 0; i < images.size(); i++) {
            assertClose(batched.get(i), clip.embedImage(images.get(i)), 1e-5f, IMAGES.get(i));
        }
        assertThat(batched.get(0)).isNotEqualTo(batched.get(1));
    }

    @Test
    void batchedTextsOfDifferentLengthsEqualOneAtATime() {
        List<String> texts =
                List.of("a dog", "a photo of a cat with a very long description of its diagram", "cat", "!");
        List<float[]> batched = clip.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertClose(batched.get(i), clip.embed(texts.get(i)), 1e-5f, texts.get(i));
        }
        assertThat(batched.get(0)).isNotEqualTo(batched.get(2));
    }

    @Test
    void zeroShotScoresSumToOneAndRankTheClosestPromptFirst() throws Exception {
        List<String> prompts = List.of("a diagram", "a dog", "a cat", "a photo of a weapon", "safe image");
        ZeroShotLabels labels = ZeroShotLabels.ofPrompts(clip, prompts);
        List<float[]> promptVectors = clip.embedAll(prompts);
        for (String name : IMAGES) {
            float[] image = clip.embedImage(PixelFixtures.image(name));
            List<LabelScore> scores = labels.score(image);
            assertThat(scores).extracting(LabelScore::label).containsExactlyElementsOf(prompts);
            assertThat(scores.stream().mapToDouble(LabelScore::score).sum()).isCloseTo(1.0, within(1e-9));
            int closest = 0;
            for (int i = 1; i < prompts.size(); i++) {
                if (dot(image, promptVectors.get(i)) > dot(image, promptVectors.get(closest))) {
                    closest = i;
                }
            }
            LabelScore best = scores.stream()
                    .max(java.util.Comparator.comparingDouble(LabelScore::score))
                    .orElseThrow();
            assertThat(best.label()).as(name).isEqualTo(prompts.get(closest));
        }
    }

    @Test
    void aModelWithoutClipsVisionOutputsIsRejectedNamingWhatItHas(@TempDir Path other) throws Exception {
        var files = TinyClip.files(other, "/tiny/clip/text_model.onnx");
        assertThatThrownBy(() ->
                        ClipEmbedder.builder().files(files).runtime(RUNTIME).build())
                .hasMessageContaining("not a CLIP vision tower")
                .hasMessageContaining("input_ids");
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s dimension %d", what, i).isCloseTo(expected[i], within(tolerance));
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * (double) b[i];
        }
        return sum;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
