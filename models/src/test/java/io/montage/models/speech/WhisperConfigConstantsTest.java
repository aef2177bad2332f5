package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.montage.models.store.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Whisper export's preprocessor_config.json and generation_config.json are held to the constants Montage
 * runs it with (the spectrogram's and the tokenizer's), so a re-uploaded or mismatched file is refused at load,
 * naming the key, rather than transcribing fluent garbage. The values are those of openai/whisper audio.py and
 * of the Hugging Face Whisper configs.
 */
class WhisperConfigConstantsTest {

    private static final Map<String, Object> WHISPER_PREPROCESSOR = Map.of(
            "feature_size", 80,
            "sampling_rate", 16000,
            "n_fft", 400,
            "hop_length", 160,
            "n_samples", 480000,
            "nb_max_frames", 3000,
            "chunk_length", 30,
            "padding_value", 0.0);

    @Test
    void theRealExportsPreprocessorConfigIsAccepted(@TempDir Path dir) throws IOException {
        Path config = write(dir, "preprocessor_config.json", WHISPER_PREPROCESSOR);
        try (WhisperRecognizer recognizer =
                TinyWhisper.builder(dir).preprocessorConfig(config).build()) {
            assertThat(((WhisperWindowDecoder) recognizer.windowDecoder()).melBins())
                    .isEqualTo(80);
        }
    }

    @Test
    void anotherHopLengthIsRefusedNamingTheKey(@TempDir Path dir) throws IOException {
        var changed = new java.util.HashMap<>(WHISPER_PREPROCESSOR);
        changed.put("hop_length", 200);
        Path config = write(dir, "preprocessor_config.json", changed);
        assertThatThrownBy(() ->
                        TinyWhisper.builder(dir).preprocessorConfig(config).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model 'tiny-whisper': preprocessor_config.json disagrees")
                .hasMessageContaining("hop_length is 200, Montage is built for 160");
    }

    @Test
    void generationConfigTokenIdsMustBeTheTokenizersOwn(@TempDir Path dir) throws IOException {
        ModelFiles files = TinyWhisper.files(dir);
        Path generation = dir.resolve("generation_config.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(generation.toFile());
        root.put("decoder_start_token_id", 50258).put("eos_token_id", 50257).put("no_timestamps_token_id", 50363);
        new ObjectMapper().writeValue(generation.toFile(), root);
        try (WhisperRecognizer recognizer = builderOver(files).build()) {
            assertThat(recognizer).isNotNull();
        }

        root.put("decoder_start_token_id", 50257);
        new ObjectMapper().writeValue(generation.toFile(), root);
        assertThatThrownBy(() -> builderOver(files).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generation_config.json disagrees")
                .hasMessageContaining("decoder_start_token_id is 50257, Montage is built for 50258");
    }

    /** The tiny Whisper over files already copied, so an edited generation_config.json stays as edited. */
    private static WhisperRecognizer.Builder builderOver(ModelFiles files) {
        return WhisperRecognizer.builder()
                .files(files)
                .runtime(TinyWhisper.RUNTIME)
                .maxNewTokens(4);
    }

    private static Path write(Path dir, String name, Map<String, Object> values) throws IOException {
        Path file = dir.resolve(name);
        new ObjectMapper().writeValue(file.toFile(), values);
        return file;
    }
}
