package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    @Test
    void onnxRuntimeKeepsItsCpuArenaUnlessTurnedOff() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).models().cpuArena())
                .isTrue();
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.ONNX_CPU_ARENA, "false"))
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
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.ONNX_CPU_ARENA, "flase")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value flase for configuration montage.onnx.cpu-arena:"
                        + " Expected value to be either true or false");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.MODELS_OFFLINE, "yes")))
                .hasMessageContaining("configuration montage.models.offline");
    }

    @Test
    void aMisspeltMontageSettingIsRefusedInsteadOfIgnored() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("montage.onnx.cpu-arean", "false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown setting montage.onnx.cpu-arean; ./montage settings lists every setting");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("montage.stage.ocr.thread", "2")))
                .hasMessageStartingWith("unknown setting montage.stage.ocr.thread; per-stage settings are"
                        + " montage.stage.<stage>.threads|batch.max-size|batch.max-delay for the stages probe,");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("montage.stage.ocrr.threads", "2")))
                .hasMessageStartingWith("unknown setting montage.stage.ocrr.threads");
    }

    @Test
    void kafkaSettingsPassThroughUnchangedEmptyOnesIncluded() {
        MontageSettings settings = SettingsLoader.load(
                null, Map.of(), Map.of("security.protocol", "SSL", "ssl.endpoint.identification.algorithm", ""));
        assertThat(settings.kafka())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.endpoint.identification.algorithm", "");
    }

    @Test
    void eachStageTakesItsOwnSettingThenTheInstanceWideOne() {
        MontageSettings settings = SettingsLoader.load(
                null,
                Map.of("MONTAGE_STAGE_OCR_BATCH_MAX_DELAY", "20ms"),
                Map.of(
                        MontageConfig.BATCH_MAX_SIZE,
                        "8",
                        MontageConfig.STREAM_THREADS,
                        "3",
                        MontageConfig.PARTITIONS,
                        "6",
                        "montage.stage.caption.batch.max-size",
                        "2"));
        assertThat(settings.stage("ocr").batchMaxDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.stage("ocr").batchMaxSize()).isEqualTo(8);
        assertThat(settings.stage("caption").batchMaxSize()).isEqualTo(2);
        assertThat(settings.stage("caption").batchMaxDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(settings.stage("probe").threads()).isEqualTo(3);
        assertThat(settings.stage("caption").threads()).isEqualTo(6);
    }

    @Test
    void durationsAndStagesAreCheckedWithWhatTheyMustBe() {
        assertThatThrownBy(
                        () -> SettingsLoader.load(null, Map.of(), Map.of("montage.stage.ocr.batch.max-delay", "soon")))
                .hasMessage("Invalid value soon for configuration montage.stage.ocr.batch.max-delay:"
                        + " must be a duration such as 3h, 90m, 5ms or PT45S");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.STAGES, "probe,ocrr")))
                .hasMessageContaining("unknown stage 'ocrr'; the stages are probe,");
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.STAGES, "Probe, OCR"))
                        .models()
                        .stages())
                .containsExactlyInAnyOrder("probe", "ocr");
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(MAX_DURATION, "90m"))
                        .mediaLimits()
                        .maxDuration())
                .isEqualTo(Duration.ofMinutes(90));
    }

    private static final String MAX_DURATION = io.montage.models.media.MediaLimits.MAX_DURATION_KEY;

    @Test
    void anEmptyMontageSettingIsAnUnsetOne() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.BOOTSTRAP_SERVERS, " "))
                        .embeddedBroker())
                .isTrue();
    }
}
