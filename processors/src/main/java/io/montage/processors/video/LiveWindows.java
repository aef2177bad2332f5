package io.montage.processors.video;

import io.montage.models.video.SummaryVideo;
import io.montage.schemas.avro.SceneDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers a live stream's closed scenes, whole and in order, into windows, each written as one contact
 * sheet and summary video: a window starts with its first scene and ends with the first scene that
 * ends {@code length} of stream time or more after that start, with its stream going idle, or at
 * {@link SummaryVideo#MAX_KEYFRAMES} scenes (all a summary shows), whichever comes first; the next
 * scene starts the next window.
 */
final class LiveWindows {

    /** Scenes {@code firstSceneIndex} to {@code firstSceneIndex + sceneCount - 1} of a stream, its window {@code index}. */
    record Span(long index, long firstSceneIndex, int sceneCount) {}

    /**
     * The window after the scenes were added, the windows they completed, and which of the added
     * scenes wait in the still open window.
     */
    record Gathered(LiveStream.Window window, List<Span> completed, List<SceneDescription> waiting) {}

    private final long lengthMicros;

    LiveWindows(Duration length) {
        this.lengthMicros = length.toNanos() / 1_000;
    }

    /** Adds {@code closed} (in order) to {@code window}; where {@code idle}, the stream has gone idle and the window ends. */
    Gathered add(LiveStream.Window window, List<SceneDescription> closed, boolean idle) {
        List<Span> completed = new ArrayList<>();
        List<SceneDescription> waiting = new ArrayList<>();
        LiveStream.Window open = window;
        for (SceneDescription scene : closed) {
            open = open.with(scene.getSceneIndex(), scene.getStartPtsMicros());
            waiting.add(scene);
            if (scene.getEndPtsMicros() - open.startPtsMicros() >= lengthMicros
                    || open.sceneCount() >= SummaryVideo.MAX_KEYFRAMES) {
                completed.add(span(open));
                open = open.next();
                waiting.clear();
            }
        }
        if (idle && !open.isEmpty()) {
            completed.add(span(open));
            open = open.next();
            waiting.clear();
        }
        return new Gathered(open, completed, waiting);
    }

    private static Span span(LiveStream.Window window) {
        return new Span(window.index(), window.firstSceneIndex(), window.sceneCount());
    }
}
