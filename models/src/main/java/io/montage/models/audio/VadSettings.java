package io.montage.models.audio;

/**
 * How speech probabilities become segments; the parameters of Silero's {@code get_speech_timestamps}
 * (snakers4/silero-vad utils_vad.py), with its defaults in {@link #defaults()}.
 *
 * @param threshold            a window with probability at or above this starts (or continues) speech
 * @param negThreshold         speech ends only after windows below this; the gap up to {@code threshold} is hysteresis
 * @param minSpeechMillis      shorter speech is dropped as a click or cough
 * @param minSilenceMillis     silence shorter than this does not split speech
 * @param speechPadMillis      added to both ends of each segment (halved where two segments would overlap)
 * @param maxSpeechMillis      longer speech is split, at the last silence over 98 ms if there was one, else hard;
 *                             {@link Long#MAX_VALUE} for no limit
 */
public record VadSettings(
        float threshold,
        float negThreshold,
        int minSpeechMillis,
        int minSilenceMillis,
        int speechPadMillis,
        long maxSpeechMillis) {

    /** get_speech_timestamps: threshold 0.5. */
    public static final float DEFAULT_THRESHOLD = 0.5f;
    /** get_speech_timestamps: neg_threshold = max(threshold - 0.15, 0.01). */
    private static final float HYSTERESIS = 0.15f;

    private static final float MIN_NEG_THRESHOLD = 0.01f;

    public VadSettings {
        if (!(threshold > 0 && threshold < 1) || !(negThreshold > 0 && negThreshold <= threshold)) {
            throw new IllegalArgumentException("VAD thresholds need 0 < negThreshold <= threshold < 1, got threshold="
                    + threshold + " negThreshold=" + negThreshold);
        }
        if (minSpeechMillis < 0 || minSilenceMillis < 0 || speechPadMillis < 0 || maxSpeechMillis <= 0) {
            throw new IllegalArgumentException("VAD durations must be >= 0 ms (maxSpeechMillis > 0), got minSpeech="
                    + minSpeechMillis + " minSilence=" + minSilenceMillis + " speechPad=" + speechPadMillis
                    + " maxSpeech=" + maxSpeechMillis);
        }
    }

    /** threshold 0.5, neg-threshold 0.35, min speech 250 ms, min silence 100 ms, padding 30 ms, no max (utils_vad.py defaults). */
    public static VadSettings defaults() {
        return withThreshold(DEFAULT_THRESHOLD);
    }

    /** Silero's defaults with another threshold and its derived neg-threshold. */
    public static VadSettings withThreshold(float threshold) {
        return new VadSettings(
                threshold, Math.max(threshold - HYSTERESIS, MIN_NEG_THRESHOLD), 250, 100, 30, Long.MAX_VALUE);
    }

    /** Whisper reads 30 s windows, so a caller feeding it passes 30 000 here. */
    public VadSettings withMaxSpeechMillis(long millis) {
        return new VadSettings(threshold, negThreshold, minSpeechMillis, minSilenceMillis, speechPadMillis, millis);
    }

    public VadSettings withMinSilenceMillis(int millis) {
        return new VadSettings(threshold, negThreshold, minSpeechMillis, millis, speechPadMillis, maxSpeechMillis);
    }

    public VadSettings withSpeechPadMillis(int millis) {
        return new VadSettings(threshold, negThreshold, minSpeechMillis, minSilenceMillis, millis, maxSpeechMillis);
    }
}
