package io.montage.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.catalog.ModelSource;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.store.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user model catalog (montage.models.catalog) that declares model files already on disk as local
 * models, exactly as an operator adds a fine-tuned export: how the tests stand the tiny
 * random-weight exports in for Hugging Face-only models.
 */
final class UserCatalog {

    private UserCatalog() {}

    /** Writes {@code file} with one entry per model, its local directory as the first source. */
    static Path write(Path file, ModelFiles... models) throws IOException {
        List<ModelSpec> specs = new ArrayList<>();
        for (ModelFiles files : models) {
            specs.add(files.spec()
                    .withSourcesFirst(
                            List.of(new ModelSource.Local(files.directory().toString(), Map.of()))));
        }
        new ObjectMapper().writeValue(file.toFile(), Map.of("models", specs));
        return file;
    }
}
