package io.montage.models.vision.clip;

/**
 * A zero-shot label and the sentence the text tower embeds for it ("weapon" → "a photo of a weapon");
 * CLIP was trained on captions, so a sentence usually scores better than a bare word.
 */
public record LabelPrompt(String label, String prompt) {

    public LabelPrompt {
        if (label == null || label.isBlank() || prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException(
                    "a zero-shot label needs a non-blank label and prompt, got '" + label + "' / '" + prompt + "'");
        }
    }

    /** The prompt is its own label. */
    public static LabelPrompt of(String prompt) {
        return new LabelPrompt(prompt, prompt);
    }
}
