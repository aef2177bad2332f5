package io.montage.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.catalog.ModelCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's Hugging Face entries follow {@code revision: main} without a sha256, so a re-upload could change a
 * file silently. The first pull records what it fetched in montage.lock; later pulls and verify hold the file to it,
 * and a changed one is refused until it is re-locked on purpose.
 */
class ModelLockTest {

    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path dir;

    private Path source;
    private Path cache;
    private ModelStore store;

    @BeforeEach
    void store() throws Exception {
        source = Files.createDirectories(dir.resolve("upstream"));
        cache = dir.resolve("cache");
        Files.writeString(source.resolve("model.onnx"), "hello");
        String json = """
                {"models": [{"id": "unpinned", "task": "test", "files": [{"name": "model.onnx", "sha256": null, "size": null}],
                  "sources": [{"type": "local", "directory": "%s"}]}]}
                """.formatted(source);
        store = ModelStore.builder()
                .cacheDirectory(cache)
                .catalog(ModelCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    @Test
    void theFirstPullRecordsWhatItFetched() throws Exception {
        store.pull("unpinned");
        Path lock = cache.resolve("unpinned").resolve(ModelLock.FILE_NAME);
        assertThat(Files.readAllLines(lock)).contains(HELLO_SHA256 + " 5 model.onnx");
        assertThat(store.verify("unpinned").files().get(0).state()).isEqualTo(FileCheck.State.LOCKED);
    }

    @Test
    void aReUploadedFileIsRefusedUntilItIsRelockedOnPurpose() throws Exception {
        store.pull("unpinned");
        Files.writeString(source.resolve("model.onnx"), "hello, changed upstream");
        Files.delete(cache.resolve("unpinned").resolve("model.onnx"));

        assertThatThrownBy(() -> store.pull("unpinned"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("delivered a different file")
                .hasMessageContaining("montage models pull --relock unpinned");
        assertThat(cache.resolve("unpinned").resolve("model.onnx")).doesNotExist();

        ModelFiles relocked = store.relock("unpinned");
        assertThat(Files.readString(relocked.path("model.onnx"))).isEqualTo("hello, changed upstream");
        assertThat(store.verify("unpinned").files().get(0).state()).isEqualTo(FileCheck.State.LOCKED);
    }

    @Test
    void verifyCallsAFileThatChangedInTheCacheChangedAndSaysHowToAcceptIt() throws Exception {
        store.pull("unpinned");
        Files.writeString(cache.resolve("unpinned").resolve("model.onnx"), "HELLO");
        VerifyReport report = store.verify("unpinned");
        assertThat(report.usable()).isFalse();
        assertThat(report.files().get(0).state()).isEqualTo(FileCheck.State.CHANGED);
        assertThat(report.describe())
                .contains("CHANGED since its first pull")
                .contains("recorded sha256 " + HELLO_SHA256)
                .contains("montage models pull --relock unpinned");
    }

    @Test
    void aPullRestoresALockedFileThatChangedInTheCacheFromAnUnchangedSource() throws Exception {
        store.pull("unpinned");
        Files.writeString(cache.resolve("unpinned").resolve("model.onnx"), "HELLO");
        assertThat(Files.readString(store.pull("unpinned").path("model.onnx"))).isEqualTo("hello");
    }

    @Test
    void filesPulledBeforeTheLockExistedAreLockedByTheNextPull() throws Exception {
        store.pull("unpinned");
        Files.delete(cache.resolve("unpinned").resolve(ModelLock.FILE_NAME));
        assertThat(store.verify("unpinned").files().get(0).state()).isEqualTo(FileCheck.State.UNPINNED);
        store.pull("unpinned");
        assertThat(store.verify("unpinned").files().get(0).state()).isEqualTo(FileCheck.State.LOCKED);
    }
}
