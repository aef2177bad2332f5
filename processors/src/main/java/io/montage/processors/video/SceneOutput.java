package io.montage.processors.video;

import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.SceneDescription;

/**
 * One record the scene stage writes: a scene for {@code scenes}, what is generated of a clip or of a
 * live stream's window (contact sheet, summary video, its WebVTT) for {@code generated-media}, or a
 * live stream's open scene so far for {@code scenes-open}.
 */
public record SceneOutput(SceneDescription scene, GeneratedMedia media, SceneSoFar soFar) {

    public static SceneOutput of(SceneDescription scene) {
        return new SceneOutput(scene, null, null);
    }

    public static SceneOutput of(GeneratedMedia media) {
        return new SceneOutput(null, media, null);
    }

    public static SceneOutput of(SceneSoFar soFar) {
        return new SceneOutput(null, null, soFar);
    }
}
