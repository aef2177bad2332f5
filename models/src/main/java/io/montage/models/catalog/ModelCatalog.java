package io.montage.models.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The set of models Montage knows, read from {@code catalog.json}. */
public final class ModelCatalog {

    /** Classpath location of the catalog that ships with Montage. */
    public static final String BUILT_IN_RESOURCE = "/io/montage/models/catalog.json";

    private final Map<String, ModelSpec> models;

    public ModelCatalog(List<ModelSpec> specs) {
        var byId = new LinkedHashMap<String, ModelSpec>();
        for (ModelSpec spec : specs) {
            if (byId.put(spec.id(), spec) != null) {
                throw new IllegalArgumentException("model id '" + spec.id() + "' appears twice in the catalog");
            }
        }
        this.models = java.util.Collections.unmodifiableMap(byId);
    }

    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in model catalog " + BUILT_IN_RESOURCE
                        + " is missing from the classpath; the montage-models jar is incomplete");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in model catalog " + BUILT_IN_RESOURCE, e);
        }
    }

    public static ModelCatalog load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException("cannot read model catalog " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelCatalog read(InputStream json) throws IOException {
        return new ModelCatalog(
                new ObjectMapper().readValue(json, CatalogDocument.class).models());
    }

    /**
     * This catalog with {@code extra}'s entries added; an entry with an id this catalog has replaces
     * it (so an operator can point a model at a mirror or a local fine-tuned export).
     */
    public ModelCatalog withEntries(ModelCatalog extra) {
        Set<String> replaced = extra.all().stream().map(ModelSpec::id).collect(Collectors.toSet());
        List<ModelSpec> merged = new ArrayList<>(
                all().stream().filter(spec -> !replaced.contains(spec.id())).toList());
        merged.addAll(extra.all());
        return new ModelCatalog(merged);
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public ModelSpec get(String id) {
        ModelSpec spec = models.get(id);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "unknown model id '" + id + "'; known ids: " + models.keySet() + " (see `montage models list`)");
        }
        return spec;
    }

    public List<ModelSpec> all() {
        return List.copyOf(models.values());
    }

    public List<ModelSpec> byTask(String task) {
        return models.values().stream().filter(m -> m.task().equals(task)).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CatalogDocument(List<ModelSpec> models) {}
}
