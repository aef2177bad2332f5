package io.montage.processors.blob;

import java.io.IOException;
import java.net.URI;

/** Reads claim-check media by URI (docs/architecture.md, decision 2). One implementation per URI scheme family. */
public interface BlobReader {

    /**
     * The most bytes one blob can have, whatever the media limit: a blob is returned as one array,
     * {@code InputStream.readNBytes} builds none longer than {@code Integer.MAX_VALUE - 8}, and a
     * reader reads one byte past its limit to tell a blob over it.
     */
    long MAX_BLOB_BYTES = Integer.MAX_VALUE - 9L;

    /** Whether this reader is responsible for the URI (by scheme, and by host or root where it restricts them). */
    boolean handles(URI uri);

    /**
     * @param maxBytes read no more than this (nor than {@link #MAX_BLOB_BYTES}); a larger blob is an
     *                 error, never a truncated read
     * @throws IOException with a message that names the URI and what failed
     */
    byte[] read(URI uri, long maxBytes) throws IOException;
}
