package io.montage.processors.video;

import io.montage.models.video.ClosedScene;
import io.montage.models.video.SceneTracker;
import io.montage.models.video.StreamScenes;
import io.montage.processors.stage.InputContext;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.SceneDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one step of a live stream (a frame, or its idle close) writes, all worked out before anything
 * is written, so that a failure leaves the stream's state as it was: its closed scenes for
 * {@code scenes}, its open scene so far for {@code scenes-open}, the contact sheet and summary of
 * each window the closed scenes complete, the scenes to keep for the window still open, and the
 * stream's state after.
 */
final class LiveScenes {

    private static final Logger log = LoggerFactory.getLogger(LiveScenes.class);

    /**
     * @param keep   closed scenes for the kept-scenes store, until their window is written
     * @param forget scene indices whose kept scenes the written windows no longer need
     */
    record Written(
            LiveStream state,
            List<SceneDescription> scenes,
            Optional<SceneSoFar> soFar,
            List<KeptScene> keep,
            List<Long> forget,
            List<GeneratedMedia> windows) {}

    private final SceneStage stage;
    private final long updateIntervalMicros;
    private final Optional<LiveWindows> windows;

    LiveScenes(SceneStage stage) {
        SceneSettings settings = stage.settings();
        this.stage = stage;
        this.updateIntervalMicros = settings.liveUpdateInterval().toNanos() / 1_000;
        this.windows = settings.liveWindows() ? Optional.of(new LiveWindows(settings.liveWindow())) : Optional.empty();
    }

    /**
     * @param idle whether the step closed the stream's open scene for want of frames
     * @param kept the stream's kept scene of an index, from the kept-scenes store, or null
     */
    Written after(
            LiveStream before, SceneTracker.Step step, boolean idle, InputContext input, LongFunction<KeptScene> kept) {
        List<SceneDescription> scenes = new ArrayList<>(step.closed().size());
        for (ClosedScene closed : step.closed()) {
            scenes.add(stage.describe(closed, input, before.notesOf(closed.sceneIndex())));
        }
        String streamId = before.scenes().streamId();
        LiveStream.LastUpdate update = before.lastUpdate();
        SceneSoFar soFar = null;
        StreamScenes.OpenScene open = step.state().open();
        if (updateIntervalMicros == 0 || open == null) {
            if (update != null) {
                soFar = SceneSoFar.tombstone();
                update = null;
            }
        } else if (update == null || update.sceneIndex() != open.sceneIndex()) {
            KeyframeNotes notes = stage.notes(open.keyframe());
            soFar = new SceneSoFar(stage.soFar(streamId, open, notes, input));
            update = new LiveStream.LastUpdate(open.sceneIndex(), open.lastPtsMicros(), notes);
        } else if (open.lastPtsMicros() - update.ptsMicros() >= updateIntervalMicros) {
            // Text that came up since the keyframe (a lower third, a slide) is read on the frame that
            // brings the update, once per update interval: the scene so far, and the scene once
            // closed, carry it too.
            KeyframeNotes notesSoFar = update.notes();
            KeyframeNotes notes = step.lastPlacedInto(open.sceneIndex())
                    .map(frame -> stage.withTextOn(notesSoFar, frame))
                    .orElse(notesSoFar);
            soFar = new SceneSoFar(stage.soFar(streamId, open, notes, input));
            update = new LiveStream.LastUpdate(open.sceneIndex(), open.lastPtsMicros(), notes);
        }
        LiveStream.Window window = before.window();
        List<KeptScene> keep = List.of();
        List<Long> forget = new ArrayList<>();
        List<GeneratedMedia> media = new ArrayList<>();
        if (windows.isPresent()) {
            LiveWindows.Gathered gathered = windows.get().add(window, scenes, idle);
            for (LiveWindows.Span span : gathered.completed()) {
                List<KeptScene> shown = shown(streamId, span, scenes, kept, forget);
                if (!shown.isEmpty()) {
                    media.addAll(stage.summaries(streamId + "-window-" + span.index(), shown, input));
                }
            }
            window = gathered.window();
            keep = gathered.waiting().stream().map(KeptScene::of).toList();
        } else if (!window.isEmpty()) {
            // Windows were turned off while this one was gathered: its kept scenes are dropped, not left behind.
            for (long index = window.firstSceneIndex();
                    index < window.firstSceneIndex() + window.sceneCount();
                    index++) {
                forget.add(index);
            }
            window = window.next();
        }
        return new Written(
                new LiveStream(step.state(), update, window), scenes, Optional.ofNullable(soFar), keep, forget, media);
    }

    /** The window's scenes, in order: kept ones from the store (to be forgotten once written), the rest from this step. */
    private static List<KeptScene> shown(
            String streamId,
            LiveWindows.Span span,
            List<SceneDescription> fresh,
            LongFunction<KeptScene> kept,
            List<Long> forget) {
        List<KeptScene> shown = new ArrayList<>(span.sceneCount());
        for (long index = span.firstSceneIndex(); index < span.firstSceneIndex() + span.sceneCount(); index++) {
            long wanted = index;
            Optional<SceneDescription> now = fresh.stream()
                    .filter(scene -> scene.getSceneIndex() == wanted)
                    .findFirst();
            if (now.isPresent()) {
                shown.add(KeptScene.of(now.get()));
                continue;
            }
            KeptScene stored = kept.apply(index);
            forget.add(index);
            if (stored == null) {
                log.warn(
                        "Scene {} of live stream {} is missing from the kept-scenes store; window {} is written without it",
                        index,
                        streamId,
                        span.index());
            } else {
                shown.add(stored);
            }
        }
        return shown;
    }
}
