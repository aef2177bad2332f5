package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.processors.video.SceneSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** montage.scenes.signal and montage.scenes.clip-threshold: auto and 0.2 unless set. */
class SceneSignalSettingsTest {

    @Test
    void unsetMeansClipWhereLoadedAndItsOwnThreshold() {
        SceneSettings scenes = SettingsLoader.load(null, Map.of(), Map.of()).scenes();

        assertThat(scenes.signal()).isEqualTo(SceneSettings.Signal.AUTO);
        assertThat(scenes.rules().clipThreshold()).isEqualTo(SceneSettings.DEFAULT_CLIP_THRESHOLD);
        assertThat(scenes.rules().threshold()).isEqualTo(SceneSettings.DEFAULT_THRESHOLD);
    }

    @Test
    void setValuesAreKeptTheSignalInAnyCase() {
        SceneSettings scenes = SettingsLoader.load(
                        null,
                        Map.of("MONTAGE_SCENES_SIGNAL", "Histogram"),
                        Map.of(MontageConfig.SCENES_CLIP_THRESHOLD, "0.3"))
                .scenes();

        assertThat(scenes.signal()).isEqualTo(SceneSettings.Signal.HISTOGRAM);
        assertThat(scenes.rules().clipThreshold()).isEqualTo(0.3);
    }

    @Test
    void anUnknownSignalOrAThresholdOutOfRangeIsRefusedByName() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.SCENES_SIGNAL, "pdq")))
                .hasMessage("Invalid value pdq for configuration montage.scenes.signal:"
                        + " must be one of auto, histogram, clip");
        assertThatThrownBy(
                        () -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.SCENES_CLIP_THRESHOLD, "2.5")))
                .hasMessageContaining("montage.scenes.clip-threshold");
    }
}
