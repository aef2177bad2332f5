package io.montage.processors.blob;

import java.io.IOException;
import java.net.URI;

/** Reads claim-check media by URI (DESIGN decision 2). One implementation per URI scheme family. */
public interface BlobReader {

    /** Whether this reader is responsible for the URI (by scheme, and by host or root where it restricts them). */
    boolean handles(URI uri);

    /**
     * @param maxBytes read no more than this; a larger blob is an error, never a truncated read
     * @throws IOException with a message that names the URI and what failed
     */
    byte[] read(URI uri, long maxBytes) throws IOException;
}
