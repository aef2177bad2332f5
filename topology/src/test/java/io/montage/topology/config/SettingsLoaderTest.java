package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    @Test
    void onnxRuntimeKeepsItsCpuArenaUnlessTurnedOff() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).models().cpuArena())
                .isTrue();
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(SettingsLoader.ONNX_CPU_ARENA, "false"))
                        .models()
                        .cpuArena())
                .isFalse();
        assertThat(SettingsLoader.load(null, Map.of("MONTAGE_ONNX_CPU_ARENA", "FALSE"), Map.of())
                        .models()
                        .cpuArena())
                .isFalse();
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseIsRefusedByName() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(SettingsLoader.ONNX_CPU_ARENA, "flase")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("montage.onnx.cpu-arena must be true or false, was 'flase'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(SettingsLoader.MODELS_OFFLINE, "yes")))
                .hasMessageContaining("montage.models.offline must be true or false");
    }
}
