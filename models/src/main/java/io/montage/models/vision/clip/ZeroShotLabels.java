package io.montage.models.vision.clip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A fixed set of labels (moderation categories, say) whose prompts are embedded once, at start; each
 * image embedding is then scored against all of them as CLIP's zero-shot classifier does:
 * {@code softmax(logitScale · cos(image, prompt))} over the labels. Immutable and thread-safe.
 */
public final class ZeroShotLabels {

    /**
     * CLIP ViT-B/32's learned {@code logit_scale} is ln(100) = 4.6052 (training clamps it there), and the
     * logits use exp of it: 100. The standard value, not read from the exports (docs/model-exports.md §3 marks it
     * not confirmed); the catalog's {@code logitScale} config overrides it.
     */
    public static final double CLIP_LOGIT_SCALE = 100.0;

    private final List<String> labels;
    private final float[][] promptEmbeddings;
    private final double logitScale;

    private ZeroShotLabels(List<String> labels, float[][] promptEmbeddings, double logitScale) {
        this.labels = List.copyOf(labels);
        this.promptEmbeddings = promptEmbeddings;
        this.logitScale = logitScale;
    }

    /** Embeds every prompt with {@code embedder}'s text tower, in one batch, with its logit scale. */
    public static ZeroShotLabels embed(ImageTextEmbedder embedder, List<LabelPrompt> labels) {
        return embed(embedder, labels, embedder.logitScale());
    }

    public static ZeroShotLabels embed(ImageTextEmbedder embedder, List<LabelPrompt> labels, double logitScale) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("zero-shot labels need at least one label");
        }
        var seen = new HashSet<String>();
        for (LabelPrompt l : labels) {
            if (!seen.add(l.label())) {
                throw new IllegalArgumentException(
                        "zero-shot label '" + l.label() + "' is configured twice; labels must be unique");
            }
        }
        if (!(logitScale > 0)) {
            throw new IllegalArgumentException("logit scale must be > 0, got " + logitScale);
        }
        List<float[]> vectors =
                embedder.embedAll(labels.stream().map(LabelPrompt::prompt).toList());
        return new ZeroShotLabels(
                labels.stream().map(LabelPrompt::label).toList(), vectors.toArray(float[][]::new), logitScale);
    }

    /** Prompts that are their own labels. */
    public static ZeroShotLabels ofPrompts(ImageTextEmbedder embedder, List<String> prompts) {
        return embed(embedder, prompts.stream().map(LabelPrompt::of).toList());
    }

    public List<String> labels() {
        return labels;
    }

    public double logitScale() {
        return logitScale;
    }

    /**
     * Probabilities for a unit-length image embedding from the same model, in the configured label order.
     *
     * @throws IllegalArgumentException when the embedding's dimension differs from the prompts'
     */
    public List<LabelScore> score(float[] imageEmbedding) {
        double[] logits = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = logitScale * dot(imageEmbedding, promptEmbeddings[i]);
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.exp(logits[i] - max); // shifted by the max so exp cannot overflow
            sum += logits[i];
        }
        var scores = new ArrayList<LabelScore>(logits.length);
        for (int i = 0; i < logits.length; i++) {
            scores.add(new LabelScore(labels.get(i), logits[i] / sum));
        }
        return scores;
    }

    private static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "image embedding has " + a.length + " dimensions but the label prompts have " + b.length
                            + "; score embeddings from the same model that embedded the labels");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * (double) b[i];
        }
        return sum;
    }
}
