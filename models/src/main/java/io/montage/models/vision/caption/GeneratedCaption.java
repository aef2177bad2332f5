package io.montage.models.vision.caption;

import io.montage.models.generation.FinishReason;

/**
 * One image's caption.
 *
 * @param text                  the caption, special tokens removed, trimmed
 * @param taskPrompt            the task the model was asked ({@code <CAPTION>}… for Florence-2); empty for models
 *                              that only caption (vit-gpt2)
 * @param averageLogProbability mean log-probability of the chosen tokens (end-of-sequence included), a confidence
 *                              hint: closer to 0 is surer
 * @param finishReason          {@link FinishReason#MAX_NEW_TOKENS} when the caption was cut at the length limit
 * @param modelId               catalog id of the model that wrote it
 */
public record GeneratedCaption(
        String text, String taskPrompt, double averageLogProbability, FinishReason finishReason, String modelId) {}
