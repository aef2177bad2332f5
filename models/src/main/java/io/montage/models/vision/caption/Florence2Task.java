package io.montage.models.vision.caption;

/**
 * Florence-2's captioning tasks. The model is trained on the sentences, never the tags: Florence2Processor
 * replaces the tag before tokenising (docs/model-exports.md §4, confirmed by transformers.js's {@code construct_prompts} test).
 */
public enum Florence2Task {
    CAPTION("<CAPTION>", "What does the image describe?"),
    DETAILED_CAPTION("<DETAILED_CAPTION>", "Describe in detail what is shown in the image."),
    MORE_DETAILED_CAPTION("<MORE_DETAILED_CAPTION>", "Describe with a paragraph what is shown in the image.");

    private final String tag;
    private final String sentence;

    Florence2Task(String tag, String sentence) {
        this.tag = tag;
        this.sentence = sentence;
    }

    /** The task token users name, e.g. {@code <CAPTION>}. */
    public String tag() {
        return tag;
    }

    /** What the model actually reads. */
    public String sentence() {
        return sentence;
    }

    /** The task for a tag such as {@code <DETAILED_CAPTION>}. */
    public static Florence2Task ofTag(String tag) {
        for (Florence2Task task : values()) {
            if (task.tag.equals(tag)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown Florence-2 caption task '" + tag + "'; use one of <CAPTION>,"
                + " <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION>");
    }
}
