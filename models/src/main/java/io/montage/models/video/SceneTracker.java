package io.montage.models.video;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Splits a stream of sampled frames into scenes, free of Kafka: each call takes a stream's state
 * and a frame (or a close) and returns the new state and the scenes that ended.
 *
 * <p>Frames are ordered by presentation time, not arrival: each waits in {@code pending} until the
 * newest frame is {@link SceneRules#graceMicros()} ahead of it, and is then placed. A frame arriving
 * at or before the last placed frame's time is too late to be placed and is reported, not used.
 * Placing a frame compares its signature with the previous placed frame's: above the threshold of
 * its kind ({@link SceneRules#thresholdOf}), and with the open scene at least the minimum length, the
 * frame closes the open scene and opens the next, becoming its keyframe. Signatures that cannot be
 * compared (a histogram after a CLIP vector: the stream's state was written by an instance using
 * another signal) cut nothing: the frame stays in the open scene, and the next is compared with it.
 */
public final class SceneTracker {

    /**
     * The state after a call, the scenes it closed, whether the frame came too late to place, and the
     * frames it placed into a scene after that scene's keyframe, in order.
     */
    public record Step(StreamScenes state, List<ClosedScene> closed, boolean late, List<Placed> placed) {

        /** The last frame this call placed into scene {@code sceneIndex} after its keyframe, if any. */
        public Optional<SceneFrame> lastPlacedInto(long sceneIndex) {
            SceneFrame last = null;
            for (Placed frame : placed) {
                if (frame.sceneIndex() == sceneIndex) {
                    last = frame.frame();
                }
            }
            return Optional.ofNullable(last);
        }
    }

    /** A frame placed into an open scene, not as its keyframe. */
    public record Placed(long sceneIndex, SceneFrame frame) {}

    private final SceneRules rules;

    public SceneTracker(SceneRules rules) {
        this.rules = rules;
    }

    public SceneRules rules() {
        return rules;
    }

    /** Takes a frame that arrived at {@code arrivalMillis} (wall clock, for the idle timeout). */
    public Step accept(StreamScenes state, SceneFrame frame, long arrivalMillis) {
        boolean duplicate = state.pending().stream().anyMatch(p -> p.ptsMicros() == frame.ptsMicros());
        if (frame.ptsMicros() <= state.placedPtsMicros() || duplicate) {
            return new Step(withArrival(state, arrivalMillis), List.of(), true, List.of());
        }
        List<SceneFrame> pending = new ArrayList<>(state.pending());
        pending.add(frame);
        pending.sort(Comparator.comparingLong(SceneFrame::ptsMicros));
        long newest = Math.max(state.newestPtsMicros(), frame.ptsMicros());
        Placing placing = new Placing(state);
        List<SceneFrame> stillPending = new ArrayList<>();
        for (SceneFrame waiting : pending) {
            if (waiting.ptsMicros() <= newest - rules.graceMicros()) {
                placing.place(waiting);
            } else {
                stillPending.add(waiting);
            }
        }
        return new Step(placing.state(stillPending, newest, arrivalMillis), placing.closed, false, placing.placed);
    }

    /**
     * Places every pending frame and closes the open scene at {@code endPtsMicros} (or at its last
     * frame, if that is later): the clip ended, or the live stream has been idle.
     */
    public Step close(StreamScenes state, long endPtsMicros, SceneEnd why) {
        Placing placing = new Placing(state);
        state.pending().forEach(placing::place);
        StreamScenes.OpenScene open = placing.open;
        if (open != null) {
            long end = Math.max(endPtsMicros, open.lastPtsMicros());
            placing.closed.add(closed(state.streamId(), open, end, why));
        }
        StreamScenes after = new StreamScenes(
                state.streamId(),
                placing.nextSceneIndex,
                null,
                List.of(),
                state.newestPtsMicros(),
                placing.placedPtsMicros,
                state.lastArrivalMillis());
        return new Step(after, placing.closed, false, placing.placed);
    }

    private static StreamScenes withArrival(StreamScenes state, long arrivalMillis) {
        return new StreamScenes(
                state.streamId(),
                state.nextSceneIndex(),
                state.open(),
                state.pending(),
                state.newestPtsMicros(),
                state.placedPtsMicros(),
                arrivalMillis);
    }

    private static ClosedScene closed(String streamId, StreamScenes.OpenScene open, long endPtsMicros, SceneEnd why) {
        return new ClosedScene(
                streamId,
                open.sceneIndex(),
                open.startPtsMicros(),
                endPtsMicros,
                open.keyframe(),
                open.frameCount(),
                why);
    }

    /** Frames being placed, in presentation order, during one call. */
    private final class Placing {
        private final String streamId;
        private final List<ClosedScene> closed = new ArrayList<>();
        private final List<Placed> placed = new ArrayList<>();
        private StreamScenes.OpenScene open;
        private long nextSceneIndex;
        private long placedPtsMicros;

        Placing(StreamScenes state) {
            this.streamId = state.streamId();
            this.open = state.open();
            this.nextSceneIndex = state.nextSceneIndex();
            this.placedPtsMicros = state.placedPtsMicros();
        }

        void place(SceneFrame frame) {
            placedPtsMicros = frame.ptsMicros();
            if (open == null) {
                openWith(frame);
                return;
            }
            OptionalDouble distance = FrameSignature.between(open.lastSignature(), frame.signature());
            boolean changed = distance.isPresent()
                    && distance.getAsDouble()
                            > rules.thresholdOf(frame.signature().signal());
            boolean longEnough = frame.ptsMicros() - open.startPtsMicros() >= rules.minSceneMicros();
            if (changed && longEnough) {
                closed.add(closed(streamId, open, frame.ptsMicros(), SceneEnd.NEXT_SCENE));
                openWith(frame);
                return;
            }
            open = new StreamScenes.OpenScene(
                    open.sceneIndex(),
                    open.startPtsMicros(),
                    open.keyframe(),
                    frame.ptsMicros(),
                    frame.signature(),
                    open.frameCount() + 1);
            placed.add(new Placed(open.sceneIndex(), frame));
        }

        private void openWith(SceneFrame frame) {
            open = new StreamScenes.OpenScene(
                    nextSceneIndex++, frame.ptsMicros(), frame, frame.ptsMicros(), frame.signature(), 1);
        }

        StreamScenes state(List<SceneFrame> pending, long newestPtsMicros, long arrivalMillis) {
            return new StreamScenes(
                    streamId, nextSceneIndex, open, pending, newestPtsMicros, placedPtsMicros, arrivalMillis);
        }
    }
}
