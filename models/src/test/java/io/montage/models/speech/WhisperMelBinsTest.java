package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoders exported with Optimum before 1.18 declare {@code input_features} with every axis dynamic; the mel-bin
 * count then comes from preprocessor_config.json or the catalog, and is checked against the shape only where the
 * shape states it. The fixture (models/tools/make_export_variants.py) is the tiny encoder with its axes made dynamic.
 */
class WhisperMelBinsTest {

    private static final String DYNAMIC_AXES_ENCODER = "/tiny-variants/whisper-dynamic-axes/encoder_model.onnx";

    @Test
    void anEncoderWithAllDynamicAxesTakesItsMelBinsFromThePreprocessorConfig(@TempDir Path dir, @TempDir Path baseDir)
            throws IOException {
        Path encoder = dynamicAxesEncoder(dir);
        List<float[]> windows = List.of(TinyWhisper.noise(4, 11), TinyWhisper.noise(9, 12));
        try (WhisperRecognizer dynamic = TinyWhisper.builder(dir)
                        .encoder(encoder)
                        .preprocessorConfig(featureSize(dir, 80))
                        .build();
                WhisperRecognizer base = TinyWhisper.builder(baseDir).build()) {
            assertThat(encoderShape(dynamic))
                    .as("the fixture declares every axis dynamic")
                    .containsExactly(-1, -1, -1);
            assertThat(((WhisperWindowDecoder) dynamic.windowDecoder()).melBins())
                    .isEqualTo(80);
            List<WindowTranscript> fromDynamic =
                    dynamic.windowDecoder().decode(windows, TranscriptionOptions.defaults());
            List<WindowTranscript> fromBase = base.windowDecoder().decode(windows, TranscriptionOptions.defaults());
            assertThat(fromDynamic)
                    .extracting(WindowTranscript::segments)
                    .isEqualTo(fromBase.stream().map(WindowTranscript::segments).toList());
            assertThat(fromBase).anySatisfy(t -> assertThat(t.segments()).isNotEmpty());
        }
    }

    @Test
    void theCatalogsMelBinsServeWhenThereIsNoPreprocessorConfig(@TempDir Path dir) {
        Path encoder = dynamicAxesEncoder(dir);
        try (WhisperRecognizer recognizer =
                TinyWhisper.builder(dir).encoder(encoder).melBins(80).build()) {
            assertThat(((WhisperWindowDecoder) recognizer.windowDecoder()).melBins())
                    .isEqualTo(80);
        }
    }

    @Test
    void aDynamicMelAxisWithNothingDeclaringTheCountIsRefusedWithTheFileToAdd(@TempDir Path dir) {
        Path encoder = dynamicAxesEncoder(dir);
        assertThatThrownBy(() -> TinyWhisper.builder(dir).encoder(encoder).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dynamic mel axis")
                .hasMessageContaining("preprocessor_config.json")
                .hasMessageContaining("melBins");
    }

    @Test
    void aStaticShapeThatDisagreesWithThePreprocessorConfigIsRefused(@TempDir Path dir) throws IOException {
        Path config = featureSize(dir, 128);
        assertThatThrownBy(() ->
                        TinyWhisper.builder(dir).preprocessorConfig(config).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature_size says 128")
                .hasMessageContaining("input_features shape says 80")
                .hasMessageContaining("montage models pull tiny-whisper");
    }

    @Test
    void thePreprocessorConfigAndTheCatalogMustAgree(@TempDir Path dir) throws IOException {
        Path encoder = dynamicAxesEncoder(dir);
        Path config = featureSize(dir, 80);
        assertThatThrownBy(() -> TinyWhisper.builder(dir)
                        .encoder(encoder)
                        .preprocessorConfig(config)
                        .melBins(128)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature_size says 80")
                .hasMessageContaining("the catalog's melBins says 128");
    }

    /** In a directory of its own: the builder copies the base encoder under the same name into {@code dir}. */
    private static Path dynamicAxesEncoder(Path dir) {
        try {
            return TinyWhisper.copy(DYNAMIC_AXES_ENCODER, Files.createDirectories(dir.resolve("dynamic-axes")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long[] encoderShape(WhisperRecognizer recognizer) {
        return ((WhisperWindowDecoder) recognizer.windowDecoder())
                .encoderInput()
                .shape();
    }

    private static Path featureSize(Path dir, int bins) throws IOException {
        // the shape of onnx-community/whisper-base preprocessor_config.json, with the count under test
        return Files.writeString(
                dir.resolve("preprocessor_config.json"),
                "{\"chunk_length\": 30, \"feature_extractor_type\":"
                        + " \"WhisperFeatureExtractor\", \"feature_size\": " + bins
                        + ", \"hop_length\": 160, \"n_fft\": 400,"
                        + " \"n_samples\": 480000, \"nb_max_frames\": 3000, \"padding_side\": \"right\", \"padding_value\": 0.0,"
                        + " \"processor_class\": \"WhisperProcessor\", \"return_attention_mask\": false, \"sampling_rate\": 16000}");
    }
}
