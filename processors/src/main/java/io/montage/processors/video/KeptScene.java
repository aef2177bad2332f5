package io.montage.processors.video;

import io.montage.models.video.SceneCues;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.SceneDescription;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A closed scene as far as its contact sheet and summary video need it: what its cue says, and its
 * keyframe JPEG. A live stream's closed scenes wait as these in the kept-scenes store until their window
 * is written.
 */
record KeptScene(SceneCues.Scene cue, byte[] keyframe) {

    KeptScene {
        Objects.requireNonNull(cue, "cue");
        Objects.requireNonNull(keyframe, "keyframe");
    }

    static KeptScene of(SceneDescription scene) {
        ByteBuffer inline = scene.getKeyframe().getInline().duplicate();
        byte[] keyframe = new byte[inline.remaining()];
        inline.get(keyframe);
        return new KeptScene(
                new SceneCues.Scene(
                        scene.getSceneIndex(),
                        scene.getStartPtsMicros(),
                        scene.getEndPtsMicros(),
                        scene.getCaption(),
                        scene.getOcrText(),
                        scene.getLabels().stream().map(LabelScore::getLabel).toList()),
                keyframe);
    }
}
