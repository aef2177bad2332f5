package io.montage.models.store;

import io.montage.models.catalog.ModelSpec;
import java.nio.file.Path;

/** The cached, verified files of one model. */
public record ModelFiles(ModelSpec spec, Path directory) {

    public Path path(String fileName) {
        if (spec.file(fileName).isEmpty()) {
            throw new IllegalArgumentException(
                    "model '" + spec.id() + "' has no file '" + fileName + "'; its files are "
                            + spec.files().stream().map(f -> f.name()).toList());
        }
        return directory.resolve(fileName);
    }
}
