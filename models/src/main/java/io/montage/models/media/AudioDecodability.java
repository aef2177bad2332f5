package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;

import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Proves an audio stream decodes without decoding all of it. Decoding 3 h of MP3 costs tens of
 * seconds of CPU, which a probe cannot spend per record, so it decodes the first second (codec
 * and stream are sound) and, for longer files, a frame near the end of the duration (the data
 * really reaches it). A short file, whose end is too near its first second for that, is decoded
 * whole (a few milliseconds), so its end shows where its audio stops. Damage in the middle is
 * left to the audio stage, which decodes everything anyway.
 *
 * <p>What missing audio at the end means depends on where the duration came from. A duration the
 * file states and its data does not reach is a cut. A duration FFmpeg estimated from the file size
 * shrinks with a cut file, so it catches no cut: it misses when the bitrate varies or the file
 * holds more than audio, and for an MP3 the frame headers then tell which.
 */
final class AudioDecodability {

    private static final long HEAD_MICROS = 1_000_000;
    private static final long TAIL_CHECK_ABOVE_MICROS = 5_000_000;
    private static final long TAIL_BEFORE_END_MICROS = 1_000_000;
    // Decoded audio may stop short of a stated duration by a frame or an encoder's padding, tens of
    // milliseconds; a quarter second more than that is audio that is missing.
    private static final long SHORT_FILE_SLACK_MICROS = 250_000;

    private AudioDecodability() {}

    /**
     * @return the duration to report: FFmpeg's, or for an MP3 whose estimated duration its frames
     *         prove wrong, the length of its frames; 0 or less when unknown
     */
    static long check(OpenedMedia media, String format, byte[] data) throws MediaRejectedException {
        String upper = format.toUpperCase(Locale.ROOT);
        MediaFacts facts = media.facts();
        long duration = facts.durationMicros();
        if (duration <= TAIL_CHECK_ABOVE_MICROS) {
            long end = decodeUntil(media.grabber(), upper, Long.MAX_VALUE);
            if (facts.durationSource() == DurationSource.HEADER && end < duration - SHORT_FILE_SLACK_MICROS) {
                throw new MediaRejectedException(
                        TRUNCATED,
                        facts.durationClaim(upper) + ", but its audio ends after "
                                + ReadableUnits.duration(end) + ": the upload was cut short; send the complete file"
                                + FfmpegErrorLog.quoted());
            }
            return duration;
        }
        decodeUntil(media.grabber(), upper, HEAD_MICROS);
        long target = duration - TAIL_BEFORE_END_MICROS;
        return decodesAt(media.grabber(), target) ? duration : noAudioAt(target, facts, upper, data);
    }

    /** Decodes from the start until {@code micros} or the end; returns where the decoded audio ends. */
    private static long decodeUntil(FFmpegFrameGrabber grabber, String format, long micros)
            throws MediaRejectedException {
        try {
            int frames = 0;
            long end = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                frames++;
                end = Math.max(end, grabber.getTimestamp() + durationOf(frame));
                if (grabber.getTimestamp() >= micros) {
                    break;
                }
            }
            if (frames == 0) {
                throw new MediaRejectedException(
                        CORRUPT,
                        "the " + format
                                + " audio has a valid header but no samples could be decoded: the data is damaged; re-export or re-upload it"
                                + FfmpegErrorLog.quoted());
            }
            return end;
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(
                    CORRUPT,
                    "decoding the " + format + " audio failed (" + e.getMessage()
                            + "): the data is damaged; re-export or re-upload it" + FfmpegErrorLog.quoted(),
                    e);
        }
    }

    /** Planar audio has a buffer per channel, packed audio one buffer of interleaved samples. */
    private static long durationOf(Frame frame) {
        if (frame.samples == null || frame.samples.length == 0 || frame.sampleRate <= 0) {
            return 0;
        }
        int perBuffer = frame.samples[0].limit();
        long samples = frame.samples.length == 1 ? perBuffer / Math.max(1, frame.audioChannels) : perBuffer;
        return samples * 1_000_000 / frame.sampleRate;
    }

    private static boolean decodesAt(FFmpegFrameGrabber grabber, long micros) {
        try {
            grabber.setAudioTimestamp(micros);
            return grabber.grabSamples() != null;
        } catch (FrameGrabber.Exception e) {
            return false;
        }
    }

    private static long noAudioAt(long target, MediaFacts facts, String format, byte[] data)
            throws MediaRejectedException {
        String claim = facts.durationClaim(format);
        String missing = ", but there is no audio to decode at " + ReadableUnits.duration(target);
        return switch (facts.durationSource()) {
            case HEADER ->
                throw new MediaRejectedException(
                        TRUNCATED,
                        claim + missing + ": the upload was cut short; send the complete file"
                                + FfmpegErrorLog.quoted());
            case TIMESTAMPS ->
                throw new MediaRejectedException(
                        CORRUPT,
                        claim + missing + ": the data before its end is damaged; re-export or re-upload it"
                                + FfmpegErrorLog.quoted());
            case BITRATE_ESTIMATE -> estimateMissed(claim + missing, format, data);
        };
    }

    private static long estimateMissed(String claim, String format, byte[] data) throws MediaRejectedException {
        Optional<MpegAudioFrames> mp3 = format.equals("MP3") ? MpegAudioFrames.read(data) : Optional.empty();
        if (mp3.isEmpty()) {
            throw new MediaRejectedException(
                    CORRUPT,
                    claim + ": the file holds less audio than its size suggests "
                            + "(data that is not audio, or a bitrate that varies); re-export it"
                            + FfmpegErrorLog.quoted());
        }
        MpegAudioFrames frames = mp3.get();
        if (frames.reachesEnd()) {
            // Variable bitrate and no Xing header: the frames run to the end, only the estimate was wrong.
            return frames.durationMicros();
        }
        // Rejected, not trimmed to its audio: an MP3 has no end marker, so nothing shows that the
        // frames before the foreign data are the whole recording, and the audio stage would decode
        // whatever in that data happens to look like a frame.
        throw new MediaRejectedException(
                CORRUPT,
                String.format(
                        Locale.ROOT,
                        "%s: its MP3 frames stop after %s, at byte %d, and the %s after them (%d%% of the file) are not MP3 audio; "
                                + "data was appended to the recording or the rest of it is damaged; re-export the audio",
                        claim,
                        ReadableUnits.duration(frames.durationMicros()),
                        frames.audioEnd(),
                        ReadableUnits.bytes(frames.trailingBytes()),
                        frames.trailingBytes() * 100 / data.length));
    }
}
