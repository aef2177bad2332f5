package io.montage.processors.video;

import io.montage.models.video.StreamScenes;
import java.util.Objects;

/**
 * Everything the scene stage keeps of one live stream between frames, in its changelogged store:
 * the tracker's state, the last "scene so far" of the open scene written to {@code scenes-open},
 * and the window of closed scenes that its next contact sheet and summary video will show.
 *
 * @param scenes     the tracker's state
 * @param lastUpdate the open scene's latest update on {@code scenes-open}, or null where the topic holds
 *                   nothing for the stream (none written yet, or a tombstone)
 * @param window     the window being gathered
 */
record LiveStream(StreamScenes scenes, LastUpdate lastUpdate, Window window) {

    /**
     * The latest update written of the open scene: kept so that updates come at most once per interval
     * of stream time across restarts, and so that the keyframe's notes, made at its first update, are
     * not made again for its other updates or its closed record.
     */
    record LastUpdate(long sceneIndex, long ptsMicros, KeyframeNotes notes) {}

    /**
     * The closed scenes gathered for the stream's next contact sheet and summary: {@code sceneCount}
     * scenes from {@code firstSceneIndex}, the first starting at {@code startPtsMicros}; their
     * keyframes wait in the stage's kept-scenes store.
     *
     * @param index the window's number in its stream, from 0, counted in windows written
     */
    record Window(long index, long firstSceneIndex, long startPtsMicros, int sceneCount) {

        static Window first() {
            return new Window(0, 0, -1, 0);
        }

        boolean isEmpty() {
            return sceneCount == 0;
        }

        /** The window with one more scene, which starts it where it is the first. */
        Window with(long sceneIndex, long sceneStartPtsMicros) {
            return isEmpty()
                    ? new Window(index, sceneIndex, sceneStartPtsMicros, 1)
                    : new Window(index, firstSceneIndex, startPtsMicros, sceneCount + 1);
        }

        /** The empty window after this one is written. */
        Window next() {
            return new Window(index + 1, 0, -1, 0);
        }
    }

    LiveStream {
        Objects.requireNonNull(scenes, "scenes");
        Objects.requireNonNull(window, "window");
    }

    static LiveStream start(String streamId) {
        return new LiveStream(StreamScenes.start(streamId), null, Window.first());
    }

    LiveStream withScenes(StreamScenes next) {
        return new LiveStream(next, lastUpdate, window);
    }

    /** The notes made at the scene's first update, where the open scene had one. */
    KeyframeNotes notesOf(long sceneIndex) {
        return lastUpdate != null && lastUpdate.sceneIndex() == sceneIndex ? lastUpdate.notes() : null;
    }
}
