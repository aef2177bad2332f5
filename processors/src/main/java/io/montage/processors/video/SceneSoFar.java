package io.montage.processors.video;

import io.montage.schemas.avro.SceneDescription;

/**
 * What {@code scenes-open} gets for a live stream: its open scene so far (closed by {@code ONGOING}),
 * or, where {@code scene} is null, a tombstone: the stream's scene closed idle and none is open.
 */
public record SceneSoFar(SceneDescription scene) {

    static SceneSoFar tombstone() {
        return new SceneSoFar(null);
    }
}
