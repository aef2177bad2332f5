package io.montage.models.store;

import java.nio.file.Path;

/** The state of one cached model file after hashing it. */
public record FileCheck(
        String fileName,
        Path path,
        State state,
        String expectedSha256,
        String actualSha256,
        Long expectedSize,
        Long actualSize) {

    public enum State {
        /** Present and equal to the catalog's pin. */
        OK,
        /**
         * Present, unpinned by the catalog, and equal to what {@code montage.lock} recorded at its first pull: the same
         * file, though nothing proves the first pull fetched the right one.
         */
        LOCKED,
        /** Present, but the catalog has no sha256 for it and it was never locked: nothing proves it is the right file. */
        UNPINNED,
        MISSING,
        CORRUPT,
        /** Unpinned by the catalog, and different from what {@code montage.lock} recorded at its first pull. */
        CHANGED
    }

    public boolean usable() {
        return state == State.OK || state == State.LOCKED || state == State.UNPINNED;
    }

    public String describe() {
        return switch (state) {
            case OK -> "file '" + fileName + "' OK (sha256 " + actualSha256 + ")";
            case UNPINNED ->
                "file '" + fileName + "' at " + path + " is UNPINNED: the catalog has no sha256 for it,"
                        + " so it cannot be verified (its sha256 is " + actualSha256 + "; pin it in the catalog)";
            case LOCKED ->
                "file '" + fileName + "' OK against montage.lock (sha256 " + actualSha256
                        + ", recorded at its first pull;" + " the catalog does not pin it)";
            case CHANGED ->
                "file '" + fileName + "' at " + path + " CHANGED since its first pull: sha256 " + actualSha256
                        + " and size " + actualSize + ", montage.lock recorded sha256 " + expectedSha256 + " and size "
                        + expectedSize;
            case MISSING -> "file '" + fileName + "' is missing: looked for it at " + path;
            case CORRUPT ->
                "file '" + fileName + "' at " + path + " is corrupt: sha256 " + actualSha256 + " and size " + actualSize
                        + ", expected sha256 " + expectedSha256 + " and size " + expectedSize;
        };
    }
}
