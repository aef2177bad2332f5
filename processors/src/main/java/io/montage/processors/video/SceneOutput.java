package io.montage.processors.video;

import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.SceneDescription;

/** One record the scene stage writes: a scene for {@code scenes}, or what is generated of a clip (contact sheet, summary video, its WebVTT) for {@code generated-media}. */
public record SceneOutput(SceneDescription scene, GeneratedMedia media) {

    public static SceneOutput of(SceneDescription scene) {
        return new SceneOutput(scene, null);
    }

    public static SceneOutput of(GeneratedMedia media) {
        return new SceneOutput(null, media);
    }
}
