package io.montage.models.media;

/**
 * What FFmpeg parsed from the container headers, before anything is decoded. Numbers FFmpeg
 * did not know are 0 (or negative, for duration).
 *
 * @param demuxer        FFmpeg's demuxer name, e.g. "png_pipe" or "mov,mp4,m4a,3gp,3g2,mj2"
 * @param majorBrand     ISO-BMFF major brand ("isom", "qt  ", "heic", "M4A ") or "" if none
 * @param videoCodec     codec of the first real video stream (cover art excluded), or null
 * @param audioCodec     codec of the first audio stream, or null
 * @param durationSource whether the file states its duration or FFmpeg worked it out
 * @param tiledImage     true for an image made of a grid of tiles (HEIC from phones)
 */
record MediaFacts(
        String demuxer,
        String majorBrand,
        String videoCodec,
        String audioCodec,
        int width,
        int height,
        long durationMicros,
        DurationSource durationSource,
        int videoFrames,
        int sampleRate,
        int channels,
        boolean tiledImage) {

    boolean hasVideo() {
        return videoCodec != null;
    }

    boolean hasAudio() {
        return audioCodec != null;
    }

    boolean knowsDuration() {
        return durationMicros > 0;
    }

    /** What is known of the duration, for a message: see {@link DurationSource#claim}. */
    String durationClaim(String format) {
        return durationSource.claim(format, durationMicros);
    }
}
