package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.processors.moderation.MatchThresholds;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** montage.match.*: Meta's PDQ defaults unless set; a value out of range names its setting and range. */
class MatchSettingsTest {

    @Test
    void unsetMeansMetasPdqDefaultsAndTheStageIsOn() {
        MontageSettings settings = SettingsLoader.load(null, Map.of(), Map.of());

        assertThat(settings.matchThresholds()).isEqualTo(new MatchThresholds(31, 50, 0.05));
        assertThat(settings.models().wants("match")).isTrue();
    }

    @Test
    void setThresholdsAreKeptFromTheEnvironmentOrTheCommandLine() {
        MontageSettings settings = SettingsLoader.load(
                null,
                Map.of("MONTAGE_MATCH_PDQ_MAX_DISTANCE", "93"),
                Map.of(
                        MontageConfig.MATCH_PDQ_MIN_QUALITY, "70",
                        MontageConfig.MATCH_EMBEDDING_MAX_DISTANCE, "0.1"));

        assertThat(settings.matchThresholds()).isEqualTo(new MatchThresholds(93, 70, 0.1));
    }

    @Test
    void aThresholdOutOfRangeIsRefusedWithItsRange() {
        assertThatThrownBy(
                        () -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.MATCH_PDQ_MAX_DISTANCE, "300")))
                .hasMessage("Invalid value 300 for configuration montage.match.pdq.max-distance:"
                        + " Value must be no more than 256");
        assertThatThrownBy(() -> SettingsLoader.load(
                        null, Map.of(), Map.of(MontageConfig.MATCH_EMBEDDING_MAX_DISTANCE, "close")))
                .hasMessage("Invalid value close for configuration montage.match.embedding.max-cosine-distance:"
                        + " Not a number of type DOUBLE");
    }
}
