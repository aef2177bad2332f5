package io.montage.models.store;

import io.montage.models.catalog.ModelSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a model file out of a Maven artifact's jar: from the classpath when the artifact is a
 * dependency, else from the local Maven repository (so {@code mvn dependency:get} is enough).
 * Maven itself does the downloading, with the user's own settings and mirrors.
 */
final class MavenJarFetcher implements SourceFetcher<ModelSource.Maven> {

    private final ClassLoader classLoader;
    private final Path localRepository;

    MavenJarFetcher(ClassLoader classLoader, Path localRepository) {
        this.classLoader = classLoader;
        this.localRepository = localRepository;
    }

    static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    @Override
    public boolean needsNetwork() {
        return false;
    }

    @Override
    public void fetch(ModelSource.Maven source, String pathInSource, Path partFile) throws IOException {
        URL resource = findOnClasspath(source, pathInSource);
        if (resource != null) {
            try (InputStream in = resource.openStream()) {
                Files.copy(in, partFile, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        Path jar = jarInLocalRepository(source);
        if (!Files.isRegularFile(jar)) {
            throw new FileNotFoundException("not on the classpath and not in the local Maven repository (" + jar
                    + "); fetch it with `mvn dependency:get -Dartifact=" + source.coordinates() + "`");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(pathInSource);
            if (entry == null) {
                throw new FileNotFoundException(jar + " has no entry '" + pathInSource
                        + "'; the catalog's path is wrong for " + source.coordinates());
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partFile, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Prefers the artifact's own jar, so an unrelated jar with a same-named resource is not picked first. */
    private URL findOnClasspath(ModelSource.Maven source, String pathInSource) throws IOException {
        List<URL> candidates = Collections.list(classLoader.getResources(pathInSource));
        String jarName = source.artifactId() + "-" + source.version() + ".jar";
        return candidates.stream()
                .filter(u -> u.toString().contains(jarName))
                .findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }

    private Path jarInLocalRepository(ModelSource.Maven source) {
        return localRepository
                .resolve(source.groupId().replace('.', '/'))
                .resolve(source.artifactId())
                .resolve(source.version())
                .resolve(source.artifactId() + "-" + source.version() + ".jar");
    }
}
