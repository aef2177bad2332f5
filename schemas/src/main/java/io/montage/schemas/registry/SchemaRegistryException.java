package io.montage.schemas.registry;

/**
 * A failed schema registry call, carrying what the Confluent REST API reports: the HTTP status
 * and the registry's own {@code error_code} (for example 40401 subject not found, 409 incompatible
 * schema). Used both by the client (a response it received) and by the embedded registry (a
 * response it is about to send), so the two sides speak the same error vocabulary.
 *
 * <p>An unreachable registry is reported with {@link #UNREACHABLE} as both status and code.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status and code of a registry that could not be reached at all (no HTTP response). */
    public static final int UNREACHABLE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the response, or {@link #UNREACHABLE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent {@code error_code} of the response, or {@link #UNREACHABLE}. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    @Override
    public String toString() {
        return "SchemaRegistryException{httpStatus=" + httpStatus + ", errorCode=" + errorCode + ", message="
                + getMessage() + "}";
    }
}
