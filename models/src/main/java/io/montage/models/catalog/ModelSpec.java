package io.montage.models.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalog entry: what a model is, which files make it up and where they can be had, in order of
 * preference. {@code config} carries task-specific settings (pooling, max sequence length…), each
 * copied from a named config file of the upstream model.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(
        String id,
        String task,
        String description,
        String license,
        List<ModelFile> files,
        List<ModelSource> sources,
        Map<String, String> config) {

    public ModelSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("catalog entry without an id");
        }
        files = List.copyOf(files == null ? List.of() : files);
        sources = List.copyOf(sources == null ? List.of() : sources);
        config = Map.copyOf(config == null ? Map.of() : config);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("catalog entry '" + id + "' lists no files");
        }
    }

    public Optional<ModelFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<String> configValue(String key) {
        return Optional.ofNullable(config.get(key));
    }

    /** A copy of this entry with extra sources tried before the catalog's own (e.g. a local directory). */
    public ModelSpec withSourcesFirst(List<ModelSource> extra) {
        var all = new java.util.ArrayList<ModelSource>(extra);
        all.addAll(sources);
        return new ModelSpec(id, task, description, license, files, all, config);
    }
}
