package io.montage.models.speech;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.audio.SpeechSegment;
import io.montage.models.audio.VoiceActivityDetector;
import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tiny random-weight Whisper (models/tools/make_tiny_models.py, multilingual ids) with the fixture tokenizer.
 * The fixture's vocabulary has only a few hundred ordinary tokens, so a generation_config.json written for the test
 * suppresses every other ordinary id: the random model then writes text the tokenizer can spell.
 */
public final class TinyWhisper {

    static final ModelRuntime RUNTIME = new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));

    private TinyWhisper() {}

    /**
     * The tiny Whisper as a model directory (encoder, merged decoder, fixture tokenizer, the
     * generation_config.json above), the layout a catalog entry's files have in the cache.
     */
    public static ModelFiles files(Path dir) {
        copy("/tiny/whisper/encoder_model.onnx", dir);
        copy("/tiny/whisper/decoder_model_merged.onnx", dir);
        copy("/speech/whisper-tokenizer/tokenizer.json", dir);
        generationConfig(dir);
        var spec = new ModelSpec(
                "tiny-whisper",
                "speech-recognition",
                "tiny random Whisper",
                "MIT",
                List.of(
                        new ModelFile("encoder_model.onnx", null, null),
                        new ModelFile("decoder_model_merged.onnx", null, null),
                        new ModelFile("tokenizer.json", null, null),
                        new ModelFile("generation_config.json", null, null)),
                List.of(),
                Map.of("multilingual", "true"));
        return new ModelFiles(spec, dir);
    }

    static Path copy(String resource, Path dir) {
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (var in = TinyWhisper.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(TinyWhisper.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tiny Whisper with the fixture tokenizer. The files are copied into {@code tempDir} first,
     * so this also works where the test resources sit inside a jar (the models test jar other
     * modules' tests use).
     */
    public static WhisperRecognizer.Builder builder(Path tempDir) {
        return WhisperRecognizer.builder()
                .files(files(tempDir))
                .runtime(RUNTIME)
                .maxNewTokens(24);
    }

    /** suppress_tokens: every ordinary id the fixture tokenizer cannot spell, and the language tokens. */
    static Path generationConfig(Path dir) {
        try {
            var root = new ObjectMapper()
                    .readTree(TinyWhisper.class.getResource("/speech/whisper-tokenizer/tokenizer.json"));
            var known = new java.util.HashSet<Long>();
            root.path("model").path("vocab").forEach(id -> known.add(id.asLong()));
            List<Long> suppress = new ArrayList<>();
            for (long id = 0; id < 50257; id++) {
                if (!known.contains(id)) {
                    suppress.add(id);
                }
            }
            for (long id = 50259; id <= 50357; id++) {
                suppress.add(id);
            }
            Path file = dir.resolve("generation_config.json");
            new ObjectMapper()
                    .writeValue(
                            file.toFile(),
                            Map.of(
                                    "suppress_tokens",
                                    suppress,
                                    "begin_suppress_tokens",
                                    List.of(220, 50257),
                                    "max_initial_timestamp_index",
                                    50));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] noise(double seconds, long seed) {
        var rng = new Random(seed);
        float[] samples = new float[(int) (seconds * 16_000)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (rng.nextGaussian() * 0.1);
        }
        return samples;
    }

    /** A voice activity detector that reports fixed segments and counts its calls. */
    static final class FixedVad implements VoiceActivityDetector {
        private final List<SpeechSegment> segments;
        final AtomicInteger calls = new AtomicInteger();

        FixedVad(List<SpeechSegment> segments) {
            this.segments = segments;
        }

        @Override
        public List<SpeechSegment> detect(float[] mono16k) {
            calls.incrementAndGet();
            return segments;
        }

        @Override
        public void close() {}
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
