package io.montage.models.media;

import java.time.Duration;

/**
 * Upper bounds an upload must stay within; each is checked from sizes or headers before any full
 * decode, so a hostile header cannot make the probe allocate or spend what it claims.
 *
 * @param maxBytes    largest upload accepted, in bytes ({@value #MAX_BYTES_KEY})
 * @param maxPixels   largest width × height of an image or video frame ({@value #MAX_PIXELS_KEY})
 * @param maxDuration longest audio or video ({@value #MAX_DURATION_KEY})
 */
public record MediaLimits(long maxBytes, long maxPixels, Duration maxDuration) {

    public static final String MAX_BYTES_KEY = "montage.media.max-bytes";
    public static final String MAX_PIXELS_KEY = "montage.media.max-pixels";
    public static final String MAX_DURATION_KEY = "montage.media.max-duration";

    public MediaLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_KEY + " must be positive, was " + maxBytes);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException(MAX_PIXELS_KEY + " must be positive, was " + maxPixels);
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException(MAX_DURATION_KEY + " must be a positive duration, was " + maxDuration);
        }
    }

    /**
     * 100 MiB: the probe holds an upload in memory, and several stream threads probe at once, so a
     * few hundred MB of heap is the worst case; it still fits 3 h of 64 kbit/s speech or a few
     * minutes of phone video. 50 MP: above today's 48 MP phone sensors (8064×6048 ≈ 48.8 MP),
     * while a 50 MP BGR frame is 150 MB, the most we want one decode to allocate. 3 h: a long
     * meeting or podcast episode; anything longer is more transcription than one record should buy.
     */
    public static MediaLimits defaults() {
        return new MediaLimits(100L * 1024 * 1024, 50_000_000L, Duration.ofHours(3));
    }
}
