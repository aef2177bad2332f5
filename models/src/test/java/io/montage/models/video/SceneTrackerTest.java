package io.montage.models.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneTrackerTest {

    private static final long HALF_SECOND = 500_000;
    private static final SceneRules RULES = new SceneRules(0.4, 0.2, 1_000_000, 1_000_000);

    private static final ColourHistogram BLUE = signature(Color.BLUE);
    private static final ColourHistogram RED = signature(Color.RED);
    private static final ColourHistogram GREEN = signature(Color.GREEN);

    @Test
    void threeColourFieldsAreThreeScenesCutWhereTheColourChanges() {
        List<SceneFrame> frames = frames(BLUE, 6, RED, 6, GREEN, 6);

        List<ClosedScene> scenes = run(new SceneTracker(RULES), frames, 9_000_000);

        assertThat(scenes).extracting(ClosedScene::startPtsMicros).containsExactly(0L, 3_000_000L, 6_000_000L);
        assertThat(scenes).extracting(ClosedScene::endPtsMicros).containsExactly(3_000_000L, 6_000_000L, 9_000_000L);
        assertThat(scenes).extracting(ClosedScene::sceneIndex).containsExactly(0L, 1L, 2L);
        assertThat(scenes).extracting(ClosedScene::frameCount).containsExactly(6, 6, 6);
        assertThat(scenes)
                .extracting(ClosedScene::end)
                .containsExactly(SceneEnd.NEXT_SCENE, SceneEnd.NEXT_SCENE, SceneEnd.END_OF_CLIP);
        assertThat(scenes.get(1).keyframe()).isEqualTo(frames.get(6));
    }

    @Test
    void aChangeBelowTheThresholdStaysInTheScene() {
        ColourHistogram slightlyBluer = signature(new Color(10, 10, 250));
        assertThat(BLUE.distance(slightlyBluer)).isLessThan(RULES.threshold());
        assertThat(BLUE.distance(RED)).isGreaterThan(RULES.threshold());

        List<ClosedScene> scenes = run(new SceneTracker(RULES), frames(BLUE, 6, slightlyBluer, 6), 6_000_000);

        assertThat(scenes).hasSize(1);
        assertThat(scenes.get(0).frameCount()).isEqualTo(12);
    }

    @Test
    void theThresholdDecidesWhatCounts() {
        double distance = BLUE.distance(RED);
        List<SceneFrame> frames = frames(BLUE, 4, RED, 4);

        assertThat(run(new SceneTracker(new SceneRules(distance - 0.01, 0.2, 0, 0)), frames, 4_000_000))
                .hasSize(2);
        assertThat(run(
                        new SceneTracker(new SceneRules(Math.min(0.999, distance + 0.01), 0.2, 0, 0)),
                        frames,
                        4_000_000))
                .hasSize(1);
    }

    @Test
    void aCutBeforeTheMinimumSceneLengthIsNotTaken() {
        // Blue 1.5 s, red 0.5 s, green 2 s with a 1 s minimum: the cut to green comes 0.5 s into the red
        // scene, too soon, so green stays in it.
        List<ClosedScene> scenes = run(new SceneTracker(RULES), frames(BLUE, 3, RED, 1, GREEN, 4), 4_000_000);

        assertThat(scenes).extracting(ClosedScene::startPtsMicros).containsExactly(0L, 1_500_000L);
        assertThat(scenes.get(1).frameCount()).isEqualTo(5);
    }

    @Test
    void aFirstCutBeforeTheMinimumLengthIsNotTakenEither() {
        List<ClosedScene> scenes = run(new SceneTracker(RULES), frames(BLUE, 1, RED, 6), 3_500_000);

        assertThat(scenes).hasSize(1);
        assertThat(scenes.get(0).keyframe().signature()).isEqualTo(BLUE);
    }

    @Test
    void framesOutOfOrderWithinTheGracePeriodGiveTheSameScenes() {
        List<SceneFrame> inOrder = frames(BLUE, 6, RED, 6, GREEN, 6, BLUE, 6);
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            List<SceneFrame> shuffled = shuffledWithin(inOrder, 2, random);

            assertThat(run(new SceneTracker(RULES), shuffled, 12_000_000))
                    .isEqualTo(run(new SceneTracker(RULES), inOrder, 12_000_000));
        }
    }

    @Test
    void aFrameLaterThanTheGracePeriodIsReportedAndNotPlaced() {
        SceneTracker tracker = new SceneTracker(RULES);
        List<SceneFrame> frames = frames(BLUE, 6, RED, 6);
        StreamScenes state = StreamScenes.start("s");
        SceneFrame late = frames.get(4);
        List<ClosedScene> closed = new ArrayList<>();
        for (SceneFrame frame : frames) {
            if (frame == late) {
                continue;
            }
            closed.addAll(tracker.accept(state, frame, 0).closed());
            state = tracker.accept(state, frame, 0).state();
        }

        SceneTracker.Step step = tracker.accept(state, late, 0);

        assertThat(step.late()).isTrue();
        assertThat(step.closed()).isEmpty();
        assertThat(step.state().pending()).isEqualTo(state.pending());
        closed.addAll(
                tracker.close(step.state(), 6_000_000, SceneEnd.END_OF_CLIP).closed());
        assertThat(closed).extracting(ClosedScene::frameCount).containsExactly(5, 6);
    }

    @Test
    void aFrameWithThePresentationTimeOfOneWaitingIsADuplicate() {
        SceneTracker tracker = new SceneTracker(RULES);
        SceneFrame first = frames(BLUE, 1).get(0);
        StreamScenes state = tracker.accept(StreamScenes.start("s"), first, 0).state();

        SceneTracker.Step again = tracker.accept(state, first, 0);

        assertThat(again.late()).isTrue();
        assertThat(again.state().pending()).hasSize(1);
    }

    @Test
    void framesWaitOutTheGracePeriodBeforeTheyArePlaced() {
        SceneTracker tracker = new SceneTracker(RULES);
        StreamScenes state = StreamScenes.start("s");
        List<SceneFrame> frames = frames(BLUE, 4, RED, 4);
        List<ClosedScene> closedWhenPlaced = new ArrayList<>();
        long closedAtStreamTime = -1;
        for (SceneFrame frame : frames) {
            SceneTracker.Step step = tracker.accept(state, frame, 0);
            state = step.state();
            if (!step.closed().isEmpty() && closedAtStreamTime < 0) {
                closedAtStreamTime = frame.ptsMicros();
                closedWhenPlaced.addAll(step.closed());
            }
        }

        // The cut at 2 s is placed once stream time reaches 2 s + the 1 s grace; the last second waits.
        assertThat(closedAtStreamTime).isEqualTo(3_000_000);
        assertThat(closedWhenPlaced.get(0).endPtsMicros()).isEqualTo(2_000_000);
        assertThat(state.pending()).extracting(SceneFrame::ptsMicros).containsExactly(3_000_000L, 3_500_000L);
    }

    /** Each step says which frames it placed into a scene after its keyframe: the frames a live scene's text is read on. */
    @Test
    void eachStepNamesTheFramesItPlacedIntoAScene() {
        SceneTracker tracker = new SceneTracker(RULES);
        StreamScenes state = StreamScenes.start("s");
        List<Long> placedInto = new ArrayList<>();
        List<Long> placedAt = new ArrayList<>();
        for (SceneFrame frame : frames(BLUE, 4, RED, 4)) {
            SceneTracker.Step step = tracker.accept(state, frame, 0);
            state = step.state();
            step.placed().forEach(p -> {
                placedInto.add(p.sceneIndex());
                placedAt.add(p.frame().ptsMicros());
            });
        }

        // Placed once 1 s of stream time is past them: scene 0's frames after its keyframe (0.5-1.5 s),
        // then scene 1's keyframe (2 s) is not among them, and 2.5 s is.
        assertThat(placedAt).containsExactly(500_000L, 1_000_000L, 1_500_000L, 2_500_000L);
        assertThat(placedInto).containsExactly(0L, 0L, 0L, 1L);
        assertThat(tracker.accept(state, frames(RED, 10).get(9), 0).lastPlacedInto(1))
                .map(SceneFrame::ptsMicros)
                .contains(3_500_000L);
    }

    @Test
    void anIdleCloseEndsTheSceneAndTheNextFrameOpensANewOne() {
        SceneTracker tracker = new SceneTracker(RULES);
        StreamScenes state = StreamScenes.start("s");
        for (SceneFrame frame : frames(BLUE, 4)) {
            state = tracker.accept(state, frame, 1_000).state();
        }

        SceneTracker.Step idle = tracker.close(state, state.newestPtsMicros(), SceneEnd.IDLE);

        assertThat(idle.closed()).singleElement().satisfies(scene -> {
            assertThat(scene.end()).isEqualTo(SceneEnd.IDLE);
            assertThat(scene.startPtsMicros()).isZero();
            assertThat(scene.endPtsMicros()).isEqualTo(1_500_000);
            assertThat(scene.frameCount()).isEqualTo(4);
        });
        assertThat(idle.state().hasOpenWork()).isFalse();
        SceneFrame resumed = new SceneFrame(20_000_000, 40, "f40", BLUE, new byte[0]);
        StreamScenes after = tracker.accept(idle.state(), resumed, 9_000).state();
        SceneTracker.Step end = tracker.close(after, 20_000_000, SceneEnd.IDLE);
        assertThat(end.closed()).singleElement().satisfies(scene -> {
            assertThat(scene.sceneIndex()).isEqualTo(1);
            assertThat(scene.startPtsMicros()).isEqualTo(20_000_000);
        });
    }

    @Test
    void threeShotsOfClipSignaturesAreThreeScenesCutAtTheClipThreshold() {
        List<ClipSignature> shots = clipShots(3, new Random(5));
        List<SceneFrame> frames = frames(shots.get(0), 6, shots.get(1), 6, shots.get(2), 6);

        List<ClosedScene> scenes = run(new SceneTracker(RULES), frames, 9_000_000);

        assertThat(scenes).extracting(ClosedScene::startPtsMicros).containsExactly(0L, 3_000_000L, 6_000_000L);
        assertThat(scenes).extracting(ClosedScene::frameCount).containsExactly(6, 6, 6);
        assertThat(scenes.get(1).keyframe()).isEqualTo(frames.get(6));
    }

    @Test
    void eachSignalIsMeasuredAgainstItsOwnThreshold() {
        List<ClipSignature> shots = clipShots(2, new Random(8));
        List<SceneFrame> frames = frames(shots.get(0), 4, shots.get(1), 4);
        double acrossTheCut = FrameSignature.between(
                        frames.get(3).signature(), frames.get(4).signature())
                .orElseThrow();
        assertThat(acrossTheCut).isBetween(0.3, 0.5);

        // The histogram threshold lies above the CLIP distance: only the CLIP threshold can cut here.
        assertThat(run(new SceneTracker(new SceneRules(0.9, acrossTheCut - 0.01, 0, 0)), frames, 4_000_000))
                .hasSize(2);
        assertThat(run(new SceneTracker(new SceneRules(0.1, acrossTheCut + 0.01, 0, 0)), frames, 4_000_000))
                .hasSize(1);
    }

    @Test
    void aSignatureOfAnotherKindCutsNothingAndTheNextOfItsKindIsComparedWithIt() {
        // A stream whose state holds histograms, then an instance with CLIP: the change of kind is no cut.
        List<ClipSignature> shots = clipShots(2, new Random(13));
        List<SceneFrame> frames = frames(BLUE, 4, shots.get(0), 4, shots.get(1), 4);

        List<ClosedScene> scenes = run(new SceneTracker(RULES), frames, 6_000_000);

        assertThat(scenes).extracting(ClosedScene::startPtsMicros).containsExactly(0L, 4_000_000L);
        assertThat(scenes).extracting(ClosedScene::frameCount).containsExactly(8, 4);
    }

    @Test
    void anIdleCloseOfAStreamWithNothingOpenClosesNothing() {
        SceneTracker.Step step = new SceneTracker(RULES).close(StreamScenes.start("s"), 0, SceneEnd.IDLE);

        assertThat(step.closed()).isEmpty();
    }

    /** Runs every frame through a fresh stream and closes it at {@code endPtsMicros}. */
    private static List<ClosedScene> run(SceneTracker tracker, List<SceneFrame> frames, long endPtsMicros) {
        StreamScenes state = StreamScenes.start("s");
        List<ClosedScene> closed = new ArrayList<>();
        long arrival = 0;
        for (SceneFrame frame : frames) {
            SceneTracker.Step step = tracker.accept(state, frame, arrival++);
            assertThat(step.late()).as("frame %s late", frame).isFalse();
            state = step.state();
            closed.addAll(step.closed());
        }
        closed.addAll(tracker.close(state, endPtsMicros, SceneEnd.END_OF_CLIP).closed());
        return closed;
    }

    /** Segments of {@code count} frames each, at 2 fps: signature, count, signature, count… */
    private static List<SceneFrame> frames(Object... segments) {
        List<SceneFrame> frames = new ArrayList<>();
        for (int s = 0; s < segments.length; s += 2) {
            FrameSignature signature = (FrameSignature) segments[s];
            int count = (Integer) segments[s + 1];
            for (int i = 0; i < count; i++) {
                int index = frames.size();
                frames.add(
                        new SceneFrame(index * HALF_SECOND, index, "f" + index, signature, new byte[] {(byte) index}));
            }
        }
        return frames;
    }

    /** Swaps frames with neighbours at most {@code reach} places away: at 2 fps, within the 1 s grace. */
    private static List<SceneFrame> shuffledWithin(List<SceneFrame> frames, int reach, Random random) {
        List<SceneFrame> shuffled = new ArrayList<>(frames);
        for (int start = 0; start < shuffled.size(); start += reach + 1) {
            Collections.shuffle(shuffled.subList(start, Math.min(shuffled.size(), start + reach + 1)), random);
        }
        return shuffled;
    }

    /**
     * CLIP-like unit vectors, one per shot: a direction all shots share (CLIP's image embeddings sit in
     * a narrow cone) plus one of the shot's own, so shots lie about 0.4 apart in cosine distance.
     */
    private static List<ClipSignature> clipShots(int count, Random random) {
        float[] shared = gaussian(512, random);
        List<ClipSignature> shots = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            float[] own = gaussian(512, random);
            float[] vector = new float[512];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = 0.78f * shared[i] + 0.62f * own[i];
            }
            shots.add(ClipSignature.of(vector));
        }
        return shots;
    }

    private static float[] gaussian(int dimension, Random random) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) (random.nextGaussian() / Math.sqrt(dimension));
        }
        return vector;
    }

    private static ColourHistogram signature(Color colour) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.drawString("TEXT", 5, 30);
        g.dispose();
        return ColourHistogram.of(image);
    }
}
