package io.montage.models.store;

import io.montage.models.catalog.ModelSource;
import java.io.IOException;
import java.nio.file.Path;

/** Copies one file out of one kind of source. Implementations throw with a reason a user can act on. */
interface SourceFetcher<S extends ModelSource> {

    /**
     * Writes the file at {@code pathInSource} to {@code partFile}. The caller verifies and renames it;
     * a fetcher may keep a partial {@code partFile} to resume from.
     */
    void fetch(S source, String pathInSource, Path partFile) throws IOException;

    /** Whether this source needs the network (skipped in offline mode). */
    boolean needsNetwork();
}
