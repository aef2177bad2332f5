package io.montage.models.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides whether an upload is usable media and describes it. Implementations are thread-safe:
 * every stream thread shares one instance.
 */
public interface MediaProbe {

    /** Probes an upload held in memory. */
    MediaInfo probe(byte[] data) throws MediaRejectedException;

    /** Probes a file; its size is checked against the byte limit before it is read. */
    MediaInfo probe(Path file) throws MediaRejectedException, IOException;
}
