package io.montage.models.audio;

import java.util.Objects;

/** Text spoken between two instants, in microseconds from the start of the clip: a transcript segment or subtitle. */
public record TimedText(long startMicros, long endMicros, String text) {

    public TimedText {
        Objects.requireNonNull(text, "text");
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException("timed text needs 0 <= start < end, got " + startMicros + " .. "
                    + endMicros + " µs for \"" + text + "\"");
        }
    }
}
