package io.montage.models.vision.clip;

/** One zero-shot label and its probability among the configured labels (the scores of one image sum to 1). */
public record LabelScore(String label, double score) {}
