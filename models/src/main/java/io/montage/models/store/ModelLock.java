package io.montage.models.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's unpinned files were when they were first pulled: {@value #FILE_NAME} in the model's cache
 * directory, one {@code sha256 size name} line per file. The catalog's Hugging Face entries follow a branch
 * ({@code revision: main}) and carry no sha256, so a re-upload could change a file's inputs silently; with the lock,
 * later pulls and {@code montage models verify} hold each file to what was first fetched, and a changed one is refused
 * until the user re-locks it on purpose ({@code montage models pull --relock ID}). Files the catalog pins are held to
 * the catalog and never locked.
 */
final class ModelLock {

    static final String FILE_NAME = "montage.lock";
    private static final String HEADER = "# sha256 size file, recorded when each unpinned file was first pulled."
            + " Accept a changed file on purpose with: montage models pull --relock <model>";

    record Entry(String sha256, long size) {}

    private final Path path;
    private final Map<String, Entry> entries;

    private ModelLock(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    static ModelLock read(Path modelDirectory) {
        Path path = modelDirectory.resolve(FILE_NAME);
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (Files.isRegularFile(path)) {
            try {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    String[] parts = trimmed.split("\\s+", 3);
                    if (parts.length != 3 || parts[0].length() != 64) {
                        throw new IllegalArgumentException(
                                path + ": line '" + line + "' is not 'sha256 size file'; delete the"
                                        + " file to re-lock the model on its next pull");
                    }
                    entries.put(parts[2], new Entry(parts[0], Long.parseLong(parts[1])));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        path + " has a size that is not a number; delete the file to re-lock the model", e);
            }
        }
        return new ModelLock(path, entries);
    }

    Path path() {
        return path;
    }

    Optional<Entry> entry(String fileName) {
        return Optional.ofNullable(entries.get(fileName));
    }

    /** Records a file and rewrites the lock. */
    void record(String fileName, String sha256, long size) {
        entries.put(fileName, new Entry(sha256, size));
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        entries.forEach((name, e) -> lines.add(e.sha256() + " " + e.size() + " " + name));
        try {
            Files.createDirectories(path.getParent());
            Path part = path.resolveSibling(FILE_NAME + ".part");
            Files.write(part, lines, StandardCharsets.UTF_8);
            try {
                Files.move(part, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Forgets every entry: the next pull locks the files as they are then. */
    void clear() {
        entries.clear();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
