package io.montage.schemas;

/**
 * Every {@code errorClass} a dead-letter can carry. On the wire it is a string (so a consumer
 * built against an older list still reads a class added later); this is the list, and the
 * {@code DeadLetter} schema's documentation names every entry ({@code ErrorClassTest} holds the
 * two together).
 */
public enum ErrorClass {
    // The record itself
    /** The record is not Avro in Confluent's wire format with a schema the registry knows. */
    INVALID_AVRO,
    /** An upload on a topic of another kind, e.g. audio on {@code images}. */
    WRONG_MEDIA_KIND,
    /** A text record with no text. */
    EMPTY_TEXT,
    /**
     * A video frame whose presentation time its stream's scenes have already passed: it arrived later
     * than the scene stage's grace period allows (or repeats a frame's time), so it is not placed.
     */
    LATE_FRAME,

    // Where the media is
    /** The event carries no media, neither inline nor by reference. */
    NO_MEDIA,
    /** The event carries both inline bytes and a reference. */
    AMBIGUOUS_MEDIA,
    /** A media reference that is not a valid URI, or not of the form the blob store takes. */
    INVALID_REFERENCE,
    /** A reference whose scheme no blob store reads, or whose host is not allowed. */
    UNSUPPORTED_REFERENCE,
    /** A referenced blob that could not be read (missing, outside the store, unreachable). */
    BLOB_UNREADABLE,
    /** A referenced blob whose size is not the one its reference declares. */
    BLOB_SIZE_MISMATCH,
    /** A referenced blob whose SHA-256 is not the one its reference declares. */
    BLOB_DIGEST_MISMATCH,

    // The media
    /** Zero bytes. */
    EMPTY,
    /** Not a format FFmpeg recognises. */
    UNRECOGNISED_FORMAT,
    /** Recognised, but cut short. */
    TRUNCATED,
    /** Recognised, but damaged: it does not decode. */
    CORRUPT,
    /** A real format this build cannot decode. */
    UNSUPPORTED,
    /** Over {@code montage.media.max-bytes}. */
    TOO_MANY_BYTES,
    /** Over {@code montage.media.max-pixels}. */
    TOO_MANY_PIXELS,
    /** Over {@code montage.media.max-duration}. */
    TOO_LONG,

    // The model, and Montage
    /** The stage's model ran on the input and failed. */
    MODEL_ERROR,
    /** Montage itself failed: not a problem with the input; the log has the stack trace. */
    INTERNAL_ERROR
}
