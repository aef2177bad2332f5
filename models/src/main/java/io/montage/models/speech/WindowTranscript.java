package io.montage.models.speech;

import java.util.List;

/**
 * One decoded window of at most 30 s.
 *
 * @param segments         times relative to the window's first sample
 * @param avgLogProb       openai/whisper's {@code avg_logprob}: summed log-probability over (tokens + 1)
 * @param temperature      the temperature of the decode kept ({@link TemperatureFallback}); 0 for the first, greedy one
 * @param compressionRatio the zlib compression ratio of the window's text ({@link TextCompressionRatio})
 */
public record WindowTranscript(
        List<TranscribedSegment> segments,
        String language,
        double languageProbability,
        double noSpeechProb,
        double avgLogProb,
        double temperature,
        double compressionRatio) {

    public WindowTranscript {
        segments = List.copyOf(segments);
    }

    /** A window decoded once at temperature 0, its compression ratio unknown (0). */
    public WindowTranscript(
            List<TranscribedSegment> segments,
            String language,
            double languageProbability,
            double noSpeechProb,
            double avgLogProb) {
        this(segments, language, languageProbability, noSpeechProb, avgLogProb, 0, 0);
    }
}
