package io.montage.processors.stage;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every stage Montage has, by the name users write in {@code montage.stages}, in
 * {@code montage.stage.<name>.*}, and see on {@code /ready}, in metrics and in the Kafka Streams
 * application ids ({@code montage-<name>}). The one place those names are written.
 */
public enum StageId {
    PROBE("probe"),
    TEXT_EMBED("text-embed"),
    OCR("ocr"),
    CAPTION("caption"),
    IMAGE_EMBED("image-embed"),
    TRANSCRIBE("transcribe"),
    MATCH("match"),
    SCENES("scenes"),
    SCENE_TRANSCRIPTS("scene-transcripts");

    private final String id;

    StageId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Every stage's name, comma-separated, as {@code montage.stages} takes them. */
    public static String all() {
        return Arrays.stream(values()).map(StageId::id).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return id;
    }
}
