package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.UNSUPPORTED;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@link ImageDecoder} over FFmpeg via JavaCV; the same checks as {@link FfmpegMediaProbe} come first. */
public final class FfmpegImageDecoder implements ImageDecoder {

    private final UploadScreen screen;

    public FfmpegImageDecoder(MediaLimits limits) {
        this.screen = new UploadScreen(Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public BufferedImage decode(byte[] data) throws MediaRejectedException {
        screen.checkBeforeParsing(data);
        Optional<AnimatedWebp> animation = AnimatedWebp.read(data);
        FfmpegErrorLog.startCapture();
        try {
            return animation.isPresent() ? FirstPicture.decode(animation.get()) : opened(data);
        } finally {
            FfmpegErrorLog.stopCapture();
        }
    }

    private BufferedImage opened(byte[] data) throws MediaRejectedException {
        try (OpenedMedia media = OpenedMedia.open(data, false)) {
            MediaFacts facts = media.facts();
            ContentKind kind = MediaClassifier.kindOf(facts);
            if (kind == null || kind == ContentKind.AUDIO) {
                throw new MediaRejectedException(
                        UNSUPPORTED,
                        "the upload is audio (" + facts.demuxer()
                                + ") and has no picture to decode; send it to the audio stage instead");
            }
            String format = MediaClassifier.formatOf(facts, kind);
            screen.checkPixels(format.toUpperCase(Locale.ROOT) + " stream header", facts.width(), facts.height());
            return FirstPicture.decode(media, kind, format);
        }
    }
}
