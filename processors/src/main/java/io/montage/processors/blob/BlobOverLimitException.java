package io.montage.processors.blob;

import java.io.IOException;

/**
 * A blob bigger than the media limit, refused before it is read whole. The reference declared a
 * size within the limit (MediaResolver checks that first), so the blob is not the one it names.
 */
final class BlobOverLimitException extends IOException {

    private static final long serialVersionUID = 1L;

    BlobOverLimitException(String message) {
        super(message);
    }
}
