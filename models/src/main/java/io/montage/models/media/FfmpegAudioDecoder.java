package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.UNSUPPORTED;

import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * {@link AudioDecoder} over FFmpeg via JavaCV: the grabber decodes to interleaved float at the
 * source rate, {@link MonoResampler} makes 16 kHz mono and flushes at the end.
 */
public final class FfmpegAudioDecoder implements AudioDecoder {

    private final UploadScreen screen;

    public FfmpegAudioDecoder(MediaLimits limits) {
        this.screen = new UploadScreen(Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public float[] decodeMono16k(byte[] data) throws MediaRejectedException {
        screen.checkBeforeParsing(data);
        FfmpegErrorLog.startCapture();
        try (OpenedMedia media = OpenedMedia.open(data, true)) {
            MediaFacts facts = media.facts();
            if (!facts.hasAudio()) {
                throw new MediaRejectedException(
                        UNSUPPORTED,
                        "the " + facts.demuxer()
                                + " upload has no audio stream; send a sound recording or a video with sound");
            }
            if (facts.knowsDuration()) {
                screen.checkDuration(
                        facts.durationClaim(facts.demuxer().split(",")[0].toUpperCase(Locale.ROOT)),
                        facts.durationMicros());
            }
            return decodeAll(media, facts);
        } finally {
            FfmpegErrorLog.stopCapture();
        }
    }

    private static float[] decodeAll(OpenedMedia media, MediaFacts facts) throws MediaRejectedException {
        try (MonoResampler resampler = new MonoResampler(facts.sampleRate(), facts.channels())) {
            Frame frame;
            int frames = 0;
            while ((frame = media.grabber().grabSamples()) != null) {
                if (frame.samples != null && frame.samples.length > 0) {
                    // AV_SAMPLE_FMT_FLT is interleaved: one buffer holds every channel.
                    resampler.accept(((FloatBuffer) frame.samples[0]).duplicate());
                    frames++;
                }
            }
            if (frames == 0) {
                throw new MediaRejectedException(
                        CORRUPT,
                        "the " + facts.audioCodec()
                                + " audio has a valid header but no samples could be decoded: the data is damaged; re-export or re-upload it"
                                + FfmpegErrorLog.quoted());
            }
            return resampler.finish();
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(
                    CORRUPT,
                    "decoding the " + facts.audioCodec() + " audio failed (" + e.getMessage()
                            + "): the data is damaged; re-export or re-upload it" + FfmpegErrorLog.quoted(),
                    e);
        }
    }
}
