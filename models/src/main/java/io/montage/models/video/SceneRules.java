package io.montage.models.video;

import java.time.Duration;

/**
 * When one scene ends and the next begins.
 *
 * @param threshold      the {@link ColourHistogram#distance} between consecutive frames above which
 *                       the later frame starts a new scene
 * @param clipThreshold  the same for {@link ClipSignature#distance} (cosine distance): each signal
 *                       measures on its own scale, so each has its own threshold
 * @param minSceneMicros a cut is taken only once the open scene has lasted this long, so a flash or
 *                       a fast montage does not split into one scene per frame
 * @param graceMicros    how far behind the newest frame's presentation time a frame may arrive and
 *                       still be placed in order; frames are held this long before they are placed
 */
public record SceneRules(double threshold, double clipThreshold, long minSceneMicros, long graceMicros) {

    public SceneRules {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("the scene-change threshold must lie between 0 and 1, was " + threshold);
        }
        if (!(clipThreshold > 0 && clipThreshold < 2)) {
            throw new IllegalArgumentException(
                    "the CLIP scene-change threshold (a cosine distance) must lie between 0 and 2, was "
                            + clipThreshold);
        }
        if (minSceneMicros < 0 || graceMicros < 0) {
            throw new IllegalArgumentException("the minimum scene length and the grace period must not be negative");
        }
    }

    public static SceneRules of(double threshold, double clipThreshold, Duration minScene, Duration grace) {
        return new SceneRules(threshold, clipThreshold, minScene.toNanos() / 1_000, grace.toNanos() / 1_000);
    }

    /** The threshold distances of {@code signal} are measured against. */
    public double thresholdOf(SceneSignal signal) {
        return switch (signal) {
            case HISTOGRAM -> threshold;
            case CLIP -> clipThreshold;
        };
    }
}
