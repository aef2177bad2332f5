package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.EMPTY;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_LONG;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_BYTES;
import static io.montage.models.media.MediaRejectedException.Reason.TOO_MANY_PIXELS;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The checks that need no decoder: size, declared image dimensions and image completeness, and
 * (once FFmpeg has parsed the headers) declared pixels and duration. They run before any full
 * decode so an upload cannot make us spend what its header claims.
 */
final class UploadScreen {

    private final MediaLimits limits;

    UploadScreen(MediaLimits limits) {
        this.limits = limits;
    }

    /** Size checks on a file before it is read. */
    void checkSize(long sizeBytes) throws MediaRejectedException {
        if (sizeBytes == 0) {
            throw new MediaRejectedException(
                    EMPTY, "the upload is empty (0 bytes); send the file's contents, not an empty body");
        }
        if (sizeBytes > limits.maxBytes()) {
            throw new MediaRejectedException(
                    TOO_MANY_BYTES,
                    String.format(
                            Locale.ROOT,
                            "the upload is %s, over the %s limit (%s); send a smaller or more compressed file, or raise the limit",
                            ReadableUnits.bytes(sizeBytes),
                            ReadableUnits.bytes(limits.maxBytes()),
                            MediaLimits.MAX_BYTES_KEY));
        }
    }

    /**
     * Checks before FFmpeg sees the data: size, then what WAV, Ogg, ID3v2 and image headers
     * declare, where a cut shows for certain.
     */
    void checkBeforeParsing(byte[] data) throws MediaRejectedException {
        checkSize(data.length);
        var wav = WavHeaderReader.read(data);
        if (wav.isPresent()) {
            checkDuration(
                    DurationSource.HEADER.claim("WAV", wav.get().durationMicros()),
                    wav.get().durationMicros());
            if (!wav.get().complete()) {
                throw new MediaRejectedException(
                        TRUNCATED,
                        String.format(
                                Locale.ROOT,
                                "the WAV header declares %s of audio, but the upload ends after %s of data: it was cut short; send the complete file",
                                ReadableUnits.duration(wav.get().durationMicros()),
                                ReadableUnits.bytes(data.length)));
            }
        }
        var torn = OggPages.tornPage(data);
        if (torn.isPresent()) {
            throw new MediaRejectedException(
                    TRUNCATED,
                    String.format(
                            Locale.ROOT,
                            "the Ogg page at byte %d needs %d bytes, but the upload ends %d bytes into it: it was cut short; "
                                    + "send the complete file",
                            torn.get().start(),
                            torn.get().size(),
                            data.length - torn.get().start()));
        }
        var id3 = Id3v2Header.read(data);
        if (id3.isPresent() && id3.get().end() > data.length) {
            throw new MediaRejectedException(
                    TRUNCATED,
                    String.format(
                            Locale.ROOT,
                            "the upload starts with an ID3v2 tag of %s, as an MP3 does, but ends after %s, inside the tag and "
                                    + "before any audio: it was cut short; send the complete file",
                            ReadableUnits.bytes(id3.get().end()),
                            ReadableUnits.bytes(data.length)));
        }
        var header = ImageHeaderReader.read(data);
        if (header.isEmpty()) {
            return;
        }
        ImageHeader image = header.get();
        String format = image.format().toUpperCase(Locale.ROOT);
        checkPixels(format + " header", image.width(), image.height());
        // Bytes after the end marker do not make an image incomplete, and the upload is probed as
        // the picture it holds: phones append motion-photo videos and maker data after a JPEG's
        // end, and the ZIP of a PNG/ZIP polyglot is invisible to image decoders. Rejecting would
        // turn such pictures away though every pixel is there; the size and SHA-256 of the result
        // still cover every byte, so the appended data is not hidden from whoever checks them.
        if (!image.complete()) {
            String where = image.width() == 0
                    ? String.format(Locale.ROOT, "the %s image ends before its header declares its size", format)
                    : String.format(
                            Locale.ROOT,
                            "the %s image (%d×%d) ends before its end marker",
                            format,
                            image.width(),
                            image.height());
            throw new MediaRejectedException(
                    TRUNCATED,
                    where + " after " + ReadableUnits.bytes(data.length)
                            + ": the upload was cut short; send the complete file");
        }
    }

    void checkPixels(String declaredBy, long width, long height) throws MediaRejectedException {
        // A PNG declares each side in 32 bits, so width × height can pass Long.MAX_VALUE and wrap
        // negative, under any limit; dividing the limit instead cannot overflow.
        if (width > 0 && height > limits.maxPixels() / width) {
            throw new MediaRejectedException(
                    TOO_MANY_PIXELS,
                    String.format(
                            Locale.ROOT,
                            "the %s declares %d×%d = %s, over the %s limit (%s); downscale the picture or raise the limit",
                            declaredBy,
                            width,
                            height,
                            ReadableUnits.megapixels((double) width * height),
                            ReadableUnits.megapixels(limits.maxPixels()),
                            MediaLimits.MAX_PIXELS_KEY));
        }
    }

    /** @param claim where the duration comes from, as {@link DurationSource#claim} words it */
    void checkDuration(String claim, long durationMicros) throws MediaRejectedException {
        // Saturating: Duration.toNanos() throws ArithmeticException for a limit over 292 years.
        long limitMicros = TimeUnit.MICROSECONDS.convert(limits.maxDuration());
        if (durationMicros > limitMicros) {
            throw new MediaRejectedException(
                    TOO_LONG,
                    String.format(
                            Locale.ROOT,
                            "%s, over the %s limit (%s); split the recording or raise the limit",
                            claim,
                            ReadableUnits.duration(limitMicros),
                            MediaLimits.MAX_DURATION_KEY));
        }
    }
}
