package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Proves an audio stream decodes without decoding all of it. Decoding 3 h of MP3 costs tens of
 * seconds of CPU, which a probe cannot spend per record, so it decodes the first second (codec
 * and stream are sound) and, for longer files, a frame near the declared end (the data really
 * reaches the duration the header claims, so a cut-off upload is caught here). Damage in the
 * middle is left to the audio stage, which decodes everything anyway.
 */
final class AudioDecodability {

    private static final long HEAD_MICROS = 1_000_000;
    private static final long TAIL_CHECK_ABOVE_MICROS = 5_000_000;
    private static final long TAIL_BEFORE_END_MICROS = 1_000_000;

    private AudioDecodability() {
    }

    static void check(OpenedMedia media, String format) throws MediaRejectedException {
        FFmpegFrameGrabber grabber = media.grabber();
        long declared = media.facts().durationMicros();
        try {
            int frames = 0;
            while (grabber.grabSamples() != null) {
                frames++;
                if (grabber.getTimestamp() >= HEAD_MICROS) {
                    break;
                }
            }
            if (frames == 0) {
                throw new MediaRejectedException(CORRUPT, "the " + format
                        + " audio has a valid header but no samples could be decoded: the data is damaged; re-export or re-upload it"
                        + FfmpegErrorLog.quoted());
            }
            if (declared > TAIL_CHECK_ABOVE_MICROS) {
                long target = declared - TAIL_BEFORE_END_MICROS;
                grabber.setAudioTimestamp(target);
                if (grabber.grabSamples() == null) {
                    throw truncated(format, declared, target);
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw declared > TAIL_CHECK_ABOVE_MICROS
                    ? truncated(format, declared, declared - TAIL_BEFORE_END_MICROS)
                    : new MediaRejectedException(CORRUPT, "decoding the " + format + " audio failed (" + e.getMessage()
                            + "): the data is damaged; re-export or re-upload it" + FfmpegErrorLog.quoted(), e);
        }
    }

    private static MediaRejectedException truncated(String format, long declared, long target) {
        return new MediaRejectedException(TRUNCATED, "the " + format + " header declares "
                + ReadableUnits.duration(declared) + " of audio, but there is no audio to decode at "
                + ReadableUnits.duration(target) + ": the upload was cut short; send the complete file" + FfmpegErrorLog.quoted());
    }
}
