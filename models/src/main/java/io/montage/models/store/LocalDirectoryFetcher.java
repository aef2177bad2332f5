package io.montage.models.store;

import io.montage.models.catalog.ModelSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies a model file from a directory on this machine (for air-gapped installs and tests). */
final class LocalDirectoryFetcher implements SourceFetcher<ModelSource.Local> {

    @Override
    public boolean needsNetwork() {
        return false;
    }

    @Override
    public void fetch(ModelSource.Local source, String pathInSource, Path partFile) throws IOException {
        Path file = expandHome(source.directory()).resolve(pathInSource);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("no such file " + file);
        }
        Files.copy(file, partFile, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path expandHome(String directory) {
        if (directory.equals("~") || directory.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + directory.substring(1));
        }
        return Path.of(directory);
    }
}
