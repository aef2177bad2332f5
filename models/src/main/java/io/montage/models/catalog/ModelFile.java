package io.montage.models.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One file of a model as the catalog pins it.
 *
 * @param name   file name inside the model's cache directory
 * @param sha256 lower-case hex digest, or {@code null} when the file is unpinned (verify then says so)
 * @param size   byte size, or {@code null} when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelFile(String name, String sha256, Long size) {

    public ModelFile {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("model file name must be a plain file name, got '" + name + "'");
        }
    }

    public boolean pinned() {
        return sha256 != null;
    }
}
