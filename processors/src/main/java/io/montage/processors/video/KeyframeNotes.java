package io.montage.processors.video;

import io.montage.schemas.avro.LabelScore;
import java.util.List;

/**
 * What the models loaded in this instance made of a scene's keyframe, once per scene: the text read
 * on it and its caption (null where their model is off or failed), its zero-shot labels (empty).
 */
public record KeyframeNotes(String ocrText, String caption, List<LabelScore> labels) {

    public KeyframeNotes {
        labels = List.copyOf(labels);
    }
}
