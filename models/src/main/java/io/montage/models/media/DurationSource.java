package io.montage.models.media;

import org.bytedeco.ffmpeg.global.avformat;

/**
 * Where the duration FFmpeg reports comes from (its {@code duration_estimation_method}). A message
 * may say a file "declares" a duration only when something in it does: an MP3 without a Xing
 * header states none, and FFmpeg's figure is then file size ÷ bitrate.
 */
enum DurationSource {
    /** The file states it: a WAV or MP4 header, FLAC's STREAMINFO, an MP3's Xing or VBRI frame, Ogg's granules. */
    HEADER,
    /** The span of the timestamps FFmpeg read at the start and the end of the file. */
    TIMESTAMPS,
    /** File size ÷ bitrate: nothing in the file states a duration. */
    BITRATE_ESTIMATE;

    static DurationSource of(int durationEstimationMethod) {
        if (durationEstimationMethod == avformat.AVFMT_DURATION_FROM_PTS) {
            return TIMESTAMPS;
        }
        return durationEstimationMethod == avformat.AVFMT_DURATION_FROM_BITRATE ? BITRATE_ESTIMATE : HEADER;
    }

    /** What is known of the duration, worded for a message: "the MP3 header declares a duration of 8.0 s". */
    String claim(String format, long durationMicros) {
        String duration = ReadableUnits.duration(durationMicros);
        return switch (this) {
            case HEADER -> "the " + format + " header declares a duration of " + duration;
            case TIMESTAMPS -> "the " + format + " file's timestamps span " + duration;
            case BITRATE_ESTIMATE ->
                "the " + format + " file states no duration, and FFmpeg estimates " + duration
                        + " from its size and bitrate";
        };
    }
}
