package io.montage.models.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The read-only third-party reference data ({@code shared/reference} beside the repository: Whisper's
 * mel filters, jfk.flac, CLIP.png). A fresh clone has none, so tests that use it skip and say why.
 *
 * <p>Looked up in the system property {@value #PROPERTY}, then the environment variable {@value #ENV},
 * then {@code ../../shared/reference} from the {@code models} module directory (Maven's working directory).
 */
public final class SharedReference {

    public static final String PROPERTY = "montage.reference.dir";
    public static final String ENV = "MONTAGE_REFERENCE_DIR";

    private SharedReference() {}

    public static Path directory() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of("..", "..", "shared", "reference").toAbsolutePath().normalize();
    }

    /** The file, or empty when it is absent. */
    public static Optional<Path> file(String name) {
        Path path = directory().resolve(name);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    public static String absenceReason(String name) {
        return "reference file " + directory().resolve(name)
                + " is absent (a fresh clone has no shared/reference); set -D" + PROPERTY + "=DIR or " + ENV
                + " to run this check";
    }
}
