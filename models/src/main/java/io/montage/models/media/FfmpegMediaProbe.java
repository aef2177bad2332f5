package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.UNSUPPORTED;

import io.montage.models.digest.Sha256;
import io.montage.models.vision.hash.PdqResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Probes uploads with FFmpeg (through JavaCV): cheap checks first (size, image headers), then
 * FFmpeg's header parse and the declared pixel and duration limits, then a real decode of the
 * first picture (for an animated WebP, which FFmpeg cannot decode, of its first frame, lifted out
 * by {@link AnimatedWebp}), or of the head and tail of the audio.
 *
 * <p>Thread-safe: it holds only immutable configuration; every probe opens its own grabber and
 * converter and closes them before returning, also when it rejects.
 */
public final class FfmpegMediaProbe implements MediaProbe {

    private final UploadScreen screen;

    public FfmpegMediaProbe(MediaLimits limits) {
        this.screen = new UploadScreen(Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public MediaInfo probe(Path file) throws MediaRejectedException, IOException {
        // Size first: an over-limit file is rejected without being read. Reading the rest into
        // memory is then bounded by maxBytes, and the hash and header checks need the bytes anyway.
        screen.checkSize(Files.size(file));
        return probe(Files.readAllBytes(file));
    }

    @Override
    public MediaInfo probe(byte[] data) throws MediaRejectedException {
        screen.checkBeforeParsing(data);
        Optional<AnimatedWebp> animation = AnimatedWebp.read(data);
        FfmpegErrorLog.startCapture();
        try {
            return animation.isPresent() ? animatedWebp(animation.get(), data) : opened(data);
        } finally {
            FfmpegErrorLog.stopCapture();
        }
    }

    private MediaInfo opened(byte[] data) throws MediaRejectedException {
        try (OpenedMedia media = OpenedMedia.open(data, false)) {
            MediaFacts facts = media.facts();
            ContentKind kind = MediaClassifier.kindOf(facts);
            if (kind == null) {
                throw new MediaRejectedException(
                        UNSUPPORTED,
                        "the " + facts.demuxer()
                                + " upload has neither an audio nor a video stream; send a picture, a sound recording or a video");
            }
            String format = MediaClassifier.formatOf(facts, kind);
            checkDeclaredLimits(facts, kind, format);
            return kind == ContentKind.AUDIO ? audio(media, format, data) : picture(media, kind, format, data);
        }
    }

    /** Like an animated GIF, an animation is an image: its first frame, at the canvas size. */
    private static MediaInfo animatedWebp(AnimatedWebp animation, byte[] data) throws MediaRejectedException {
        BufferedImage first = FirstPicture.decode(animation);
        return new MediaInfo(
                ContentKind.IMAGE,
                "webp",
                "webp",
                first.getWidth(),
                first.getHeight(),
                null,
                null,
                null,
                data.length,
                Sha256.hex(data),
                DctPerceptualHash.of(first),
                1,
                pdq(first));
    }

    private void checkDeclaredLimits(MediaFacts facts, ContentKind kind, String format) throws MediaRejectedException {
        String upper = format.toUpperCase(Locale.ROOT);
        if (facts.hasVideo()) {
            screen.checkPixels(upper + " stream header", facts.width(), facts.height());
        }
        if (kind != ContentKind.IMAGE && facts.knowsDuration()) {
            screen.checkDuration(facts.durationClaim(upper), facts.durationMicros());
        }
    }

    private static MediaInfo picture(OpenedMedia media, ContentKind kind, String format, byte[] data)
            throws MediaRejectedException {
        MediaFacts facts = media.facts();
        BufferedImage first = FirstPicture.decode(media, kind, format);
        boolean video = kind == ContentKind.VIDEO;
        // Boxed on purpose: a conditional mixing int and null unboxes, and a container that declares
        // no frame count (a fragmented MP4, as live recorders write) then failed the probe.
        Integer frameCount =
                video ? (facts.videoFrames() > 0 ? Integer.valueOf(facts.videoFrames()) : null) : Integer.valueOf(1);
        return new MediaInfo(
                kind,
                format,
                facts.videoCodec(),
                first.getWidth(),
                first.getHeight(),
                video && facts.knowsDuration() ? facts.durationMicros() : null,
                video && facts.hasAudio() ? facts.sampleRate() : null,
                video && facts.hasAudio() ? facts.channels() : null,
                data.length,
                Sha256.hex(data),
                DctPerceptualHash.of(first),
                frameCount,
                pdq(first));
    }

    /** PDQ as {@link ProbePdq} computes it: borders trimmed, scaled to at most 512 a side. */
    private static PdqResult pdq(BufferedImage picture) {
        return ProbePdq.of(picture);
    }

    private static MediaInfo audio(OpenedMedia media, String format, byte[] data) throws MediaRejectedException {
        MediaFacts facts = media.facts();
        long durationMicros = AudioDecodability.check(media, format, data);
        return new MediaInfo(
                ContentKind.AUDIO,
                format,
                facts.audioCodec(),
                null,
                null,
                durationMicros > 0 ? durationMicros : null,
                facts.sampleRate(),
                facts.channels(),
                data.length,
                Sha256.hex(data),
                null,
                null,
                null);
    }
}
