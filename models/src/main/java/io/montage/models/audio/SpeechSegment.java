package io.montage.models.audio;

/** One stretch of speech in a clip, in microseconds from the clip's first sample; end exclusive. */
public record SpeechSegment(long startMicros, long endMicros) {

    public SpeechSegment {
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException(
                    "a speech segment needs 0 <= start < end, got " + startMicros + " .. " + endMicros + " µs");
        }
    }

    public long durationMicros() {
        return endMicros - startMicros;
    }
}
