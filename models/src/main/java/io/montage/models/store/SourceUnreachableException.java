package io.montage.models.store;

import java.io.IOException;

/** A fetcher could not reach its source at all (no route, refused, DNS): the network, not the file, is at fault. */
final class SourceUnreachableException extends IOException {

    private static final long serialVersionUID = 1L;

    SourceUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
