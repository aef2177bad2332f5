package io.montage.models.speech;

import java.util.Arrays;

/**
 * openai/whisper transcribe.py {@code decode_with_fallback}: a window is decoded at the first temperature, and again
 * at each next one while its text compresses too well (a repetition loop) or its average log-probability is too low,
 * unless the window looks silent (no-speech probability above the threshold with a low log-probability). The last
 * decode is kept, as openai keeps it. At temperature 0 the configured search runs (greedy or beams); above 0 a token
 * is sampled, beams off, as openai pops {@code beam_size} for t &gt; 0.
 *
 * @param temperatures              tried in order; openai's default 0.0, 0.2, … 1.0. A single 0 turns fallback off
 * @param compressionRatioThreshold openai {@code compression_ratio_threshold} 2.4; +∞ disables the check
 * @param logProbThreshold          openai {@code logprob_threshold} -1.0; -∞ disables the check
 * @param noSpeechThreshold         openai {@code no_speech_threshold} 0.6; a window above it with a low
 *                                  log-probability is silence, not a failed decode
 */
public record TemperatureFallback(
        double[] temperatures, double compressionRatioThreshold, double logProbThreshold, double noSpeechThreshold) {

    /** openai/whisper transcribe.py: {@code temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)}. */
    static final double[] OPENAI_TEMPERATURES = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
    /** transcribe.py {@code compression_ratio_threshold}. */
    public static final double OPENAI_COMPRESSION_RATIO_THRESHOLD = 2.4;
    /** transcribe.py {@code logprob_threshold}. */
    public static final double OPENAI_LOG_PROB_THRESHOLD = -1.0;
    /** transcribe.py {@code no_speech_threshold}. */
    public static final double OPENAI_NO_SPEECH_THRESHOLD = 0.6;

    public TemperatureFallback {
        temperatures = temperatures.clone();
        if (temperatures.length == 0) {
            throw new IllegalArgumentException(
                    "temperature fallback needs at least one temperature (0 alone turns it off)");
        }
        for (double t : temperatures) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException(
                        "temperatures must be finite and at least 0, got " + Arrays.toString(temperatures));
            }
        }
        if (Double.isNaN(compressionRatioThreshold)
                || Double.isNaN(logProbThreshold)
                || Double.isNaN(noSpeechThreshold)) {
            throw new IllegalArgumentException(
                    "fallback thresholds must be numbers (use ±Infinity to disable a check)");
        }
    }

    /** openai/whisper transcribe.py's defaults. */
    public static TemperatureFallback openaiDefaults() {
        return new TemperatureFallback(
                OPENAI_TEMPERATURES,
                OPENAI_COMPRESSION_RATIO_THRESHOLD,
                OPENAI_LOG_PROB_THRESHOLD,
                OPENAI_NO_SPEECH_THRESHOLD);
    }

    /** One greedy (or beam) decode per window, as before fallback existed. */
    public static TemperatureFallback off() {
        return new TemperatureFallback(
                new double[] {0.0}, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, OPENAI_NO_SPEECH_THRESHOLD);
    }

    @Override
    public double[] temperatures() {
        return temperatures.clone();
    }

    /**
     * Parses {@code "0,0.2,0.4"}: the temperatures, comma-separated.
     *
     * @throws IllegalArgumentException naming the value when a part is not a number
     */
    public TemperatureFallback withTemperatures(String commaSeparated) {
        try {
            double[] parsed = Arrays.stream(commaSeparated.split(","))
                    .map(String::trim)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            return new TemperatureFallback(parsed, compressionRatioThreshold, logProbThreshold, noSpeechThreshold);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "temperatures '" + commaSeparated + "' must be numbers separated by commas, e.g. "
                            + "0,0.2,0.4,0.6,0.8,1",
                    e);
        }
    }

    /** transcribe.py's {@code needs_fallback}. */
    boolean needsFallback(double compressionRatio, double avgLogProb, double noSpeechProb) {
        boolean needs = compressionRatio > compressionRatioThreshold || avgLogProb < logProbThreshold;
        if (noSpeechProb > noSpeechThreshold && avgLogProb < logProbThreshold) {
            needs = false; // silence: TranscriptStitcher drops the window
        }
        return needs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemperatureFallback f
                && Arrays.equals(f.temperatures, temperatures)
                && Double.compare(f.compressionRatioThreshold, compressionRatioThreshold) == 0
                && Double.compare(f.logProbThreshold, logProbThreshold) == 0
                && Double.compare(f.noSpeechThreshold, noSpeechThreshold) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(temperatures) * 31 + Double.hashCode(compressionRatioThreshold);
    }

    @Override
    public String toString() {
        return "TemperatureFallback" + Arrays.toString(temperatures) + " compression>" + compressionRatioThreshold
                + " logprob<" + logProbThreshold + " noSpeech>" + noSpeechThreshold;
    }
}
