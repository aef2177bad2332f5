package io.montage.models.vision.ocr;

/** What a recogniser read from one line image, with the mean probability of its characters (0 when empty). */
public record RecognizedText(String text, double confidence) {

    public static final RecognizedText EMPTY = new RecognizedText("", 0);
}
