package io.montage.models.video;

/**
 * A scene that has ended.
 *
 * @param sceneIndex     the scene's index in its stream, from 0
 * @param startPtsMicros presentation time of its first frame
 * @param endPtsMicros   presentation time of the next scene's first frame, or where the stream ended
 * @param keyframe       its first frame, the one that opened it
 * @param frameCount     how many sampled frames it holds
 */
public record ClosedScene(
        String streamId,
        long sceneIndex,
        long startPtsMicros,
        long endPtsMicros,
        SceneFrame keyframe,
        int frameCount,
        SceneEnd end) {}
