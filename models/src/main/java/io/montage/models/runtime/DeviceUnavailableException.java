package io.montage.models.runtime;

/** The requested device cannot be used. Montage never falls back silently from an explicit device. */
public final class DeviceUnavailableException extends RuntimeException {

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
