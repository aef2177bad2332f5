package io.montage.processors.blob;

import java.io.IOException;

/** A media reference that is not a well-formed URI of its scheme: the producer's fault, never Montage's. */
final class MalformedReferenceException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedReferenceException(String message) {
        super(message);
    }
}
