package io.montage.models.video;

/** Why a scene was closed. */
public enum SceneEnd {
    /** A frame far enough from its predecessor started the next scene. */
    NEXT_SCENE,
    /** The uploaded clip ended. */
    END_OF_CLIP,
    /** No frame of the live stream arrived for the idle timeout. */
    IDLE
}
