package io.montage.processors.stage;

import io.montage.models.media.MediaRejectedException;
import io.montage.schemas.ErrorClass;

/**
 * A stage's refusal of one input, for a reason the producer can act on (bad media, a missing
 * reference). The stage plumbing turns it into a dead-letter record; the stream keeps running.
 */
public final class StageRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;

    /**
     * @param errorClass the class of the error, for dashboards
     * @param reason     what was wrong and what to do about it, for a person
     */
    public StageRejection(ErrorClass errorClass, String reason) {
        this(errorClass, reason, null);
    }

    public StageRejection(ErrorClass errorClass, String reason, Throwable cause) {
        super(reason, cause);
        this.errorClass = errorClass;
    }

    /** Media the decoders refused, with their reason as its class. */
    public static StageRejection of(MediaRejectedException e) {
        ErrorClass errorClass =
                switch (e.reason()) {
                    case EMPTY -> ErrorClass.EMPTY;
                    case UNRECOGNISED_FORMAT -> ErrorClass.UNRECOGNISED_FORMAT;
                    case TRUNCATED -> ErrorClass.TRUNCATED;
                    case CORRUPT -> ErrorClass.CORRUPT;
                    case TOO_MANY_BYTES -> ErrorClass.TOO_MANY_BYTES;
                    case TOO_MANY_PIXELS -> ErrorClass.TOO_MANY_PIXELS;
                    case TOO_LONG -> ErrorClass.TOO_LONG;
                    case UNSUPPORTED -> ErrorClass.UNSUPPORTED;
                };
        return new StageRejection(errorClass, e.getMessage(), e);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
