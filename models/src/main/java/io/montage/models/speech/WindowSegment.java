package io.montage.models.speech;

/**
 * A stretch of one decoded window's tokens, timed relative to the window's first sample.
 *
 * @param textTokens the segment's ordinary text tokens (no timestamp or special tokens)
 */
public record WindowSegment(long startMicros, long endMicros, long[] textTokens) {

    public WindowSegment {
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException(
                    "a window segment needs 0 <= start < end, got " + startMicros + " .. " + endMicros + " µs");
        }
        textTokens = textTokens.clone();
    }
}
