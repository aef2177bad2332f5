package io.montage.processors.video;

import io.montage.models.video.SceneRules;
import java.time.Duration;
import java.util.Objects;

/**
 * How the scene stage samples clips and splits streams into scenes.
 *
 * @param fps         frames sampled per second of an uploaded clip
 * @param rules       thresholds, minimum scene length and grace period
 * @param idleTimeout a live stream with no frame for this long (wall clock) has its open scene closed
 * @param signal      what consecutive frames are compared on
 * @param textInterval how often a clip's frames are read by the OCR model after each scene's keyframe
 *                     ({@link SceneText}); zero reads the keyframe only
 * @param liveUpdateInterval stream time between a live stream's "scene so far" updates of its open
 *                           scene on {@code scenes-open}; zero: none
 * @param liveWindow  stream time a live stream's contact sheet and summary video cover at least;
 *                    zero: none
 */
public record SceneSettings(
        double fps,
        SceneRules rules,
        Duration idleTimeout,
        Signal signal,
        Duration textInterval,
        Duration liveUpdateInterval,
        Duration liveWindow) {

    /** What consecutive frames are compared on ({@code montage.scenes.signal}). */
    public enum Signal {
        /** CLIP embeddings where the image-embed stage's CLIP model is loaded in this instance, else histograms. */
        AUTO,
        /** Colour histograms, whatever models are loaded. */
        HISTOGRAM,
        /** CLIP embeddings; the stage does not start without the CLIP model loaded in this instance. */
        CLIP
    }

    public static final double DEFAULT_FPS = 2;
    /**
     * Half the L1 distance between 512-bin colour histograms: consecutive frames of one shot measure
     * below 0.1 (motion, compression), a cut between different shots usually above 0.5.
     */
    public static final double DEFAULT_THRESHOLD = 0.35;

    /**
     * Cosine distance between CLIP ViT-B/32 image embeddings, not measured here (its weights are not
     * reachable from this machine; the tiny random-weight test CLIP's distances say nothing of the real
     * model's, see docs/video-scenes.md). What is commonly reported of the real model: frames of one shot, a
     * half-second apart, embed at a cosine similarity of about 0.9 and above (distance below 0.1),
     * unrelated pictures at about 0.4 to 0.75 (CLIP's image embeddings share a narrow cone, so even
     * unrelated ones are far from orthogonal). 0.2 (similarity 0.8) lies between, nearer the shot side
     * so that two shots of the same place, which CLIP puts closer than unrelated pictures, still cut.
     */
    public static final double DEFAULT_CLIP_THRESHOLD = 0.2;

    public static final Duration DEFAULT_MIN_SCENE = Duration.ofSeconds(1);
    /** Two frames at the default rate: the jitter of a stream sent over a congested link. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public static final Signal DEFAULT_SIGNAL = Signal.AUTO;

    /**
     * One more OCR call per 5 s of a scene after its keyframe: text that comes up during a shot (a
     * lower third, a slide) is read within 5 s of appearing, for about a tenth more OCR work per
     * minute of clip than one call per cut would cost at one cut in 20 s.
     */
    public static final Duration DEFAULT_TEXT_INTERVAL = Duration.ofSeconds(5);
    /**
     * "What is on screen now" at most 5 s old (plus the grace) where the scene has not changed: an
     * update costs no model call (the keyframe is described once, at its scene's first update) and
     * about one keyframe JPEG on {@code scenes-open}.
     */
    public static final Duration DEFAULT_LIVE_UPDATE_INTERVAL = Duration.ofSeconds(5);
    /** Long enough that a moderator opens one sheet per five minutes of a stream, short enough to stay near live. */
    public static final Duration DEFAULT_LIVE_WINDOW = Duration.ofMinutes(5);

    public SceneSettings {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("the scene sampling rate must be positive, was " + fps);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
        Objects.requireNonNull(signal, "signal");
        if (textInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "the interval between text reads must not be negative, was " + textInterval);
        }
        if (liveUpdateInterval.isNegative() || liveWindow.isNegative()) {
            throw new IllegalArgumentException("the live update interval and the live window must not be negative");
        }
    }

    /** Whether live streams' open scenes are written to {@code scenes-open} as they go. */
    public boolean liveUpdates() {
        return !liveUpdateInterval.isZero();
    }

    /** Whether live streams get a contact sheet and summary video per window. */
    public boolean liveWindows() {
        return !liveWindow.isZero();
    }

    public SceneSettings withLiveUpdateInterval(Duration interval) {
        return new SceneSettings(fps, rules, idleTimeout, signal, textInterval, interval, liveWindow);
    }

    public SceneSettings withLiveWindow(Duration window) {
        return new SceneSettings(fps, rules, idleTimeout, signal, textInterval, liveUpdateInterval, window);
    }

    public static SceneSettings defaults() {
        return new SceneSettings(
                DEFAULT_FPS,
                SceneRules.of(DEFAULT_THRESHOLD, DEFAULT_CLIP_THRESHOLD, DEFAULT_MIN_SCENE, DEFAULT_GRACE),
                DEFAULT_IDLE_TIMEOUT,
                DEFAULT_SIGNAL,
                DEFAULT_TEXT_INTERVAL,
                DEFAULT_LIVE_UPDATE_INTERVAL,
                DEFAULT_LIVE_WINDOW);
    }

    /** These settings with another signal. */
    public SceneSettings withSignal(Signal other) {
        return new SceneSettings(fps, rules, idleTimeout, other, textInterval, liveUpdateInterval, liveWindow);
    }

    /** These settings with another interval between a clip's text reads. */
    public SceneSettings withTextInterval(Duration other) {
        return new SceneSettings(fps, rules, idleTimeout, signal, other, liveUpdateInterval, liveWindow);
    }
}
