package io.montage.models.video;

import java.util.OptionalDouble;

/**
 * What scene changes are measured on, one per sampled frame: its colour histogram or its CLIP image
 * embedding. Each kind has its own distance (and its own threshold, {@link SceneRules#thresholdOf}).
 */
public sealed interface FrameSignature permits ColourHistogram, ClipSignature {

    SceneSignal signal();

    /**
     * How far apart two frames are, or empty where their signatures cannot be compared: of different
     * kinds or sizes, as when a stream's state was written by an instance that used another signal
     * (or another CLIP model) before a restart.
     */
    static OptionalDouble between(FrameSignature earlier, FrameSignature later) {
        if (earlier instanceof ColourHistogram a && later instanceof ColourHistogram b) {
            return OptionalDouble.of(a.distance(b));
        }
        if (earlier instanceof ClipSignature a
                && later instanceof ClipSignature b
                && a.vector().length == b.vector().length) {
            return OptionalDouble.of(a.distance(b));
        }
        return OptionalDouble.empty();
    }
}
