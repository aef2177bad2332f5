package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.UNSUPPORTED;

import java.util.Locale;
import java.util.Objects;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * {@link VideoFrames} over FFmpeg via JavaCV. Every picture is decoded (a codec cannot skip to
 * arbitrary frames without seeking to keyframes, which would miss cuts between them), and only
 * those that reach the next sampling time are copied out; the grabber is closed before returning,
 * also when the clip is rejected.
 */
public final class FfmpegVideoFrames implements VideoFrames {

    private final UploadScreen screen;

    public FfmpegVideoFrames(MediaLimits limits) {
        this.screen = new UploadScreen(Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public long sample(byte[] clip, double fps, Sink sink) throws MediaRejectedException {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("the sampling rate must be positive, was " + fps);
        }
        screen.checkBeforeParsing(clip);
        FfmpegErrorLog.startCapture();
        try (OpenedMedia media = OpenedMedia.open(clip, false)) {
            MediaFacts facts = media.facts();
            if (!facts.hasVideo() || MediaClassifier.kindOf(facts) != ContentKind.VIDEO) {
                throw new MediaRejectedException(
                        UNSUPPORTED, "the " + facts.demuxer() + " upload has no video stream to split into frames");
            }
            screen.checkPixels(
                    facts.demuxer().split(",")[0].toUpperCase(Locale.ROOT) + " stream header",
                    facts.width(),
                    facts.height());
            return sampleAll(media, fps, sink);
        } finally {
            FfmpegErrorLog.stopCapture();
        }
    }

    private static long sampleAll(OpenedMedia media, double fps, Sink sink) throws MediaRejectedException {
        double intervalMicros = 1_000_000 / fps;
        long decoded = 0;
        long sampled = 0;
        long nextSample = 0;
        try {
            Frame frame;
            while ((frame = media.grabber().grabImage()) != null) {
                if (frame.image == null) {
                    continue;
                }
                decoded++;
                long pts = Math.max(0, media.grabber().getTimestamp());
                if (pts + 1 >= Math.round(nextSample * intervalMicros)) {
                    // The copy leaves the grabber's buffer, which the next grab overwrites.
                    sink.accept(pts, sampled++, BgrPicture.copy(frame));
                    nextSample = (long) Math.floor(pts / intervalMicros) + 1;
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(
                    CORRUPT,
                    "decoding the video failed after " + decoded + " pictures (" + e.getMessage()
                            + "); re-export or re-upload it" + FfmpegErrorLog.quoted(),
                    e);
        }
        if (decoded == 0) {
            throw new MediaRejectedException(
                    CORRUPT,
                    "the video has a valid header but no picture could be decoded: the data is damaged; re-export or "
                            + "re-upload it" + FfmpegErrorLog.quoted());
        }
        return decoded;
    }
}
