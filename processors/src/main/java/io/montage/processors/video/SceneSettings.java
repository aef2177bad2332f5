package io.montage.processors.video;

import io.montage.models.video.SceneRules;
import java.time.Duration;

/**
 * How the scene stage samples clips and splits streams into scenes.
 *
 * @param fps         frames sampled per second of an uploaded clip
 * @param rules       threshold, minimum scene length and grace period
 * @param idleTimeout a live stream with no frame for this long (wall clock) has its open scene closed
 */
public record SceneSettings(double fps, SceneRules rules, Duration idleTimeout) {

    public static final double DEFAULT_FPS = 2;
    /**
     * Half the L1 distance between 512-bin colour histograms: consecutive frames of one shot measure
     * below 0.1 (motion, compression), a cut between different shots usually above 0.5.
     */
    public static final double DEFAULT_THRESHOLD = 0.35;

    public static final Duration DEFAULT_MIN_SCENE = Duration.ofSeconds(1);
    /** Two frames at the default rate: the jitter of a stream sent over a congested link. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public SceneSettings {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("the scene sampling rate must be positive, was " + fps);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
    }

    public static SceneSettings defaults() {
        return new SceneSettings(
                DEFAULT_FPS, SceneRules.of(DEFAULT_THRESHOLD, DEFAULT_MIN_SCENE, DEFAULT_GRACE), DEFAULT_IDLE_TIMEOUT);
    }
}
