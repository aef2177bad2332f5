package io.montage.models.video;

import java.util.List;

/**
 * Everything the scene tracker remembers of one stream between frames; immutable, so a processor
 * can write it to a changelogged store after every frame and restore it after a crash.
 *
 * @param streamId        the stream
 * @param nextSceneIndex  the index the next scene opened gets
 * @param open            the scene in progress, or null between scenes (at the start, after an idle close)
 * @param pending         frames received but not yet placed, in presentation order: they wait out the grace period
 * @param newestPtsMicros the latest presentation time received (stream time); -1 before the first frame
 * @param placedPtsMicros presentation time of the last frame placed; an arriving frame at or before it is late
 * @param lastArrivalMillis wall-clock time the last frame arrived, for the idle timeout
 */
public record StreamScenes(
        String streamId,
        long nextSceneIndex,
        OpenScene open,
        List<SceneFrame> pending,
        long newestPtsMicros,
        long placedPtsMicros,
        long lastArrivalMillis) {

    /**
     * The scene in progress.
     *
     * @param lastSignature the signature of its latest frame: the next frame is compared with it
     */
    public record OpenScene(
            long sceneIndex,
            long startPtsMicros,
            SceneFrame keyframe,
            long lastPtsMicros,
            FrameSignature lastSignature,
            int frameCount) {}

    public StreamScenes {
        pending = List.copyOf(pending);
    }

    public static StreamScenes start(String streamId) {
        return new StreamScenes(streamId, 0, null, List.of(), -1, -1, 0);
    }

    /** Whether anything waits to be closed: an open scene or frames not yet placed. */
    public boolean hasOpenWork() {
        return open != null || !pending.isEmpty();
    }
}
