package io.montage.models.vision.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.montage.models.batching.Timed;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The zero-shot arithmetic on hand-made unit vectors, where the expected probabilities can be written down. */
class ZeroShotLabelsTest {

    private static final Map<String, float[]> PROMPTS = Map.of(
            "a photo of a weapon", new float[] {1, 0, 0},
            "a photo of a beach", new float[] {0, 1, 0},
            "a diagram", new float[] {0.6f, 0.8f, 0});

    @Test
    void probabilitiesAreTheSoftmaxOfScaledCosines() {
        ZeroShotLabels labels = ZeroShotLabels.embed(
                new FixedVectors(100),
                List.of(
                        new LabelPrompt("weapon", "a photo of a weapon"),
                        new LabelPrompt("beach", "a photo of a beach"),
                        new LabelPrompt("diagram", "a diagram")));
        List<LabelScore> scores = labels.score(new float[] {1, 0, 0});
        // cosines 1, 0, 0.6 → logits 100, 0, 60
        double z = 1 + Math.exp(-100) + Math.exp(-40);
        assertThat(scores).extracting(LabelScore::label).containsExactly("weapon", "beach", "diagram");
        assertThat(scores.get(0).score()).isCloseTo(1 / z, within(1e-12));
        assertThat(scores.get(2).score()).isCloseTo(Math.exp(-40) / z, within(1e-20));
    }

    @Test
    void aSmallerLogitScaleFlattensTheDistribution() {
        var prompts = List.of(LabelPrompt.of("a photo of a weapon"), LabelPrompt.of("a diagram"));
        List<LabelScore> sharp =
                ZeroShotLabels.embed(new FixedVectors(100), prompts).score(new float[] {1, 0, 0});
        List<LabelScore> flat =
                ZeroShotLabels.embed(new FixedVectors(1), prompts).score(new float[] {1, 0, 0});
        assertThat(flat.get(0).score()).isCloseTo(1 / (1 + Math.exp(-0.4)), within(1e-6)); // 0.6f is not exactly 0.6
        assertThat(flat.get(0).score()).isLessThan(sharp.get(0).score());
        assertThat(flat.get(0).score() + flat.get(1).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void duplicateLabelsAndForeignDimensionsAreRefusedWithTheReason() {
        var embedder = new FixedVectors(100);
        assertThatThrownBy(() -> ZeroShotLabels.embed(
                        embedder,
                        List.of(new LabelPrompt("x", "a diagram"), new LabelPrompt("x", "a photo of a beach"))))
                .hasMessageContaining("'x' is configured twice");
        ZeroShotLabels labels = ZeroShotLabels.ofPrompts(embedder, List.of("a diagram"));
        assertThatThrownBy(() -> labels.score(new float[512]))
                .hasMessageContaining("512 dimensions but the label prompts have 3");
    }

    /** An embedder whose text vectors are the table above. */
    private record FixedVectors(double logitScale) implements ImageTextEmbedder {
        @Override
        public float[] embed(String text) {
            float[] v = PROMPTS.get(text);
            if (v == null) {
                throw new IllegalArgumentException("no vector for " + text);
            }
            return v;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
        }

        @Override
        public Timed<float[]> embedTimed(String text) {
            return new Timed<>(embed(text), 0, 0, 1, 0);
        }

        @Override
        public List<Timed<float[]>> embedAllTimed(List<String> texts) {
            return texts.stream().map(this::embedTimed).toList();
        }

        @Override
        public float[] embedImage(BufferedImage image) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Timed<float[]>> embedImagesTimed(List<BufferedImage> images) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Timed<float[]> embedImageTimed(BufferedImage image) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<float[]> embedImages(List<BufferedImage> images) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String modelId() {
            return "fixed";
        }

        @Override
        public void close() {}
    }
}
