package io.montage.models.speech;

import java.util.Objects;

/**
 * A timed piece of a transcript, in microseconds from the clip's first sample (from a window's start while it
 * is still a window's).
 *
 * @param avgLogProb   mean log-probability of its window's decoded tokens (openai/whisper's avg_logprob)
 * @param noSpeechProb its window's probability of {@code <|nospeech|>} after {@code <|startoftranscript|>}
 */
public record TranscribedSegment(
        long startMicros, long endMicros, String text, double avgLogProb, double noSpeechProb) {

    public TranscribedSegment {
        Objects.requireNonNull(text, "text");
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException("a transcribed segment needs 0 <= start < end, got " + startMicros
                    + " .. " + endMicros + " µs for \"" + text + "\"");
        }
    }

    TranscribedSegment shiftedBy(long micros) {
        return new TranscribedSegment(startMicros + micros, endMicros + micros, text, avgLogProb, noSpeechProb);
    }
}
