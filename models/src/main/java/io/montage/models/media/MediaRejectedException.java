package io.montage.models.media;

/**
 * An upload that cannot be used, with a reason a program can branch on and a message a person
 * can act on (what was wrong, and what to do about it).
 */
public final class MediaRejectedException extends Exception {

    /** Why an upload was rejected; dead-letter consumers group by it. */
    public enum Reason {
        /** Zero bytes. */
        EMPTY,
        /** Not a format FFmpeg recognises at all. */
        UNRECOGNISED_FORMAT,
        /** Recognised, but the data ends before the headers say it should. */
        TRUNCATED,
        /** Recognised, but the data does not decode. */
        CORRUPT,
        /** Bigger than {@link MediaLimits#maxBytes()}. */
        TOO_MANY_BYTES,
        /** Width × height over {@link MediaLimits#maxPixels()}. */
        TOO_MANY_PIXELS,
        /** Duration over {@link MediaLimits#maxDuration()}. */
        TOO_LONG,
        /** A real format this build cannot decode (no decoder, or a layout such as tiled HEIC). */
        UNSUPPORTED
    }

    private final Reason reason;

    public MediaRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
