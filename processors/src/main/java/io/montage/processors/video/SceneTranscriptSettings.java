package io.montage.processors.video;

import java.time.Duration;

/**
 * The scene-transcripts stage's one setting.
 *
 * @param maxWait how long a clip's scenes wait for its transcript (and a transcript for its scenes) before
 *             the scenes are written without one: long enough for the transcribe stage's backlog on a
 *             busy CPU, short enough that a clip it dead-lettered is not held for hours
 */
public record SceneTranscriptSettings(Duration maxWait) {

    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(30);

    public SceneTranscriptSettings {
        if (maxWait.isZero() || maxWait.isNegative()) {
            throw new IllegalArgumentException(
                    "the wait for a clip's transcript must be longer than zero, not " + maxWait);
        }
    }

    public static SceneTranscriptSettings defaults() {
        return new SceneTranscriptSettings(DEFAULT_WAIT);
    }
}
