package io.montage.processors.stage;

/**
 * A stage's refusal of one input, for a reason the producer can act on (bad media, a missing
 * reference). The stage plumbing turns it into a dead-letter record; the stream keeps running.
 */
public final class StageRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorClass;

    /**
     * @param errorClass stable, upper-case class of the error for dashboards, e.g. "TOO_MANY_PIXELS"
     * @param reason     what was wrong and what to do about it, for a person
     */
    public StageRejection(String errorClass, String reason) {
        this(errorClass, reason, null);
    }

    public StageRejection(String errorClass, String reason, Throwable cause) {
        super(reason, cause);
        this.errorClass = errorClass;
    }

    public String errorClass() {
        return errorClass;
    }
}
