package io.montage.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.speech.TemperatureFallback;
import io.montage.models.speech.WhisperEncoderPrecision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** montage.transcribe.* settings for Whisper's temperature fallback (openai's defaults unless set) and encoder file. */
class TranscribeFallbackSettingsTest {

    @Test
    void unsetMeansOpenaisTranscribeDefaults() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).models().speechFallback())
                .isEqualTo(TemperatureFallback.openaiDefaults());
    }

    @Test
    void eachPartCanBeSetFromTheCommandLineOrTheEnvironment() {
        TemperatureFallback set = SettingsLoader.load(
                        null,
                        Map.of("MONTAGE_TRANSCRIBE_LOGPROB_THRESHOLD", "-2"),
                        Map.of(
                                MontageConfig.SPEECH_TEMPERATURES,
                                "0,0.5",
                                MontageConfig.SPEECH_COMPRESSION_RATIO_THRESHOLD,
                                "3"))
                .models()
                .speechFallback();
        assertThat(set.temperatures()).containsExactly(0.0, 0.5);
        assertThat(set.compressionRatioThreshold()).isEqualTo(3.0);
        assertThat(set.logProbThreshold()).isEqualTo(-2.0);
    }

    @Test
    void theEncoderIsChosenByDeviceUnlessSet() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).models().speechEncoder())
                .isEqualTo(WhisperEncoderPrecision.AUTO);
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.SPEECH_ENCODER, "quantized"))
                        .models()
                        .speechEncoder())
                .isEqualTo(WhisperEncoderPrecision.QUANTIZED);
    }

    @Test
    void aValueThatIsNotANumberIsNamed() {
        assertThatThrownBy(() ->
                        SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.SPEECH_LOGPROB_THRESHOLD, "low")))
                .hasMessage("Invalid value low for configuration montage.transcribe.logprob-threshold:"
                        + " Not a number of type DOUBLE");
    }
}
