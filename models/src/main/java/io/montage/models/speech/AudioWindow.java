package io.montage.models.speech;

import java.util.Arrays;

/** A stretch of a clip given to the recogniser as one window, in microseconds from the clip's start; end exclusive. */
public record AudioWindow(long startMicros, long endMicros) {

    static final int SAMPLE_RATE = 16_000;

    public AudioWindow {
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException(
                    "an audio window needs 0 <= start < end, got " + startMicros + " .. " + endMicros + " µs");
        }
    }

    public long durationMicros() {
        return endMicros - startMicros;
    }

    /** The window's samples, clipped to the audio. */
    public float[] samples(float[] mono16k) {
        int from = (int) Math.min(mono16k.length, startMicros * SAMPLE_RATE / 1_000_000);
        int to = (int) Math.min(mono16k.length, (endMicros * SAMPLE_RATE + 999_999) / 1_000_000);
        return Arrays.copyOfRange(mono16k, from, Math.max(from, to));
    }
}
