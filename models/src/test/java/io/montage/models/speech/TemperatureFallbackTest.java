package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.montage.models.generation.FinishReason;
import io.montage.models.generation.GeneratedSequence;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openai/whisper transcribe.py's temperature fallback. The tiny random Whisper loops ("americ americ …") on noise, the
 * way real Whisper loops on hard audio, and scores every decode far below -1, so each rule can be isolated by
 * switching the others off.
 */
class TemperatureFallbackTest {

    private static final float[] LOOPING_WINDOW = TinyWhisper.noise(5, 1);
    private static final TemperatureFallback COMPRESSION_ONLY = new TemperatureFallback(
            TemperatureFallback.OPENAI_TEMPERATURES,
            TemperatureFallback.OPENAI_COMPRESSION_RATIO_THRESHOLD,
            Double.NEGATIVE_INFINITY,
            TemperatureFallback.OPENAI_NO_SPEECH_THRESHOLD);

    @Test
    void compressionRatioIsZlibsAsInOpenaiUtils() {
        // expected values: len(t.encode()) / len(zlib.compress(t.encode())) in CPython 3
        assertThat(TextCompressionRatio.of("the the the the the the the the the the the the the the the the"))
                .isEqualTo(4.2);
        assertThat(TextCompressionRatio.of("Hello world, this is a test of Whisper."))
                .isCloseTo(0.8863636363636364, within(1e-15));
        assertThat(TextCompressionRatio.of("héllo wörld ".repeat(5))).isEqualTo(2.8);
        assertThat(TextCompressionRatio.of("")).isEqualTo(0.0);
    }

    @Test
    void needsFallbackFollowsTranscribePy() {
        TemperatureFallback openai = TemperatureFallback.openaiDefaults();
        assertThat(openai.needsFallback(2.5, -0.2, 0.0)).as("too repetitive").isTrue();
        assertThat(openai.needsFallback(1.2, -1.1, 0.0))
                .as("log-probability too low")
                .isTrue();
        assertThat(openai.needsFallback(1.2, -0.9, 0.0)).as("fine").isFalse();
        assertThat(openai.needsFallback(2.5, -1.1, 0.7))
                .as("silent: no-speech above 0.6 with a low log-probability")
                .isFalse();
        assertThat(openai.needsFallback(2.5, -0.5, 0.7))
                .as("confident text is not silence, so it loops")
                .isTrue();
        assertThat(openai.temperatures()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    }

    @Test
    void theAverageLogProbabilityDividesByTokensPlusOneAlways() {
        var ended = new GeneratedSequence(new long[] {10, 11, 12}, FinishReason.END_OF_SEQUENCE, -6.0, new float[0]);
        var cut = new GeneratedSequence(new long[] {10, 11, 12}, FinishReason.MAX_NEW_TOKENS, -6.0, new float[0]);
        assertThat(WhisperWindowDecoder.avgLogProb(ended)).isEqualTo(-1.5);
        assertThat(WhisperWindowDecoder.avgLogProb(cut))
                .as("openai divides by len + 1 even without <|endoftext|>")
                .isEqualTo(-1.5);
        assertThat(cut.avgLogProb())
                .as("the generic mean divides by the scored tokens")
                .isEqualTo(-2.0);
    }

    @Test
    void aRepetitionLoopingWindowIsDecodedAgainAtAHigherTemperature(@TempDir Path dir) {
        WindowTranscript once = decode(dir.resolve("off"), TemperatureFallback.off(), LOOPING_WINDOW);
        assertThat(once.temperature()).isZero();
        assertThat(once.compressionRatio())
                .as("the fixture loops")
                .isGreaterThan(TemperatureFallback.OPENAI_COMPRESSION_RATIO_THRESHOLD);

        WindowTranscript redone = decode(dir.resolve("on"), COMPRESSION_ONLY, LOOPING_WINDOW);
        assertThat(redone.temperature()).isGreaterThan(0);
        assertThat(redone.compressionRatio() <= TemperatureFallback.OPENAI_COMPRESSION_RATIO_THRESHOLD
                        || redone.temperature() == 1.0)
                .as("kept: the first decode under the threshold, or the last one tried (%s)", redone)
                .isTrue();
        assertThat(redone.segments()).isNotEqualTo(once.segments());
    }

    @Test
    void aWindowThatPassesKeepsItsGreedyDecode(@TempDir Path dir) {
        var lenient =
                new TemperatureFallback(TemperatureFallback.OPENAI_TEMPERATURES, 10, Double.NEGATIVE_INFINITY, 0.6);
        assertThat(decode(dir.resolve("lenient"), lenient, LOOPING_WINDOW))
                .isEqualTo(decode(dir.resolve("off"), TemperatureFallback.off(), LOOPING_WINDOW));
    }

    @Test
    void aLowScoringWindowTriesEveryTemperatureAndKeepsTheLast(@TempDir Path dir) {
        WindowTranscript kept = decode(dir, TemperatureFallback.openaiDefaults(), LOOPING_WINDOW);
        assertThat(kept.avgLogProb()).isLessThan(TemperatureFallback.OPENAI_LOG_PROB_THRESHOLD);
        assertThat(kept.temperature()).isEqualTo(1.0);
    }

    @Test
    void sampledRedecodesAreTheSameAloneAndInABatch(@TempDir Path dir) {
        try (WhisperRecognizer recognizer = TinyWhisper.builder(dir)
                .maxNewTokens(80)
                .temperatureFallback(COMPRESSION_ONLY)
                .build()) {
            List<float[]> windows = List.of(TinyWhisper.noise(7, 30), LOOPING_WINDOW, TinyWhisper.noise(3, 31));
            List<WindowTranscript> batch = recognizer.windowDecoder().decode(windows, TranscriptionOptions.defaults());
            WindowTranscript alone = recognizer
                    .windowDecoder()
                    .decode(List.of(LOOPING_WINDOW), TranscriptionOptions.defaults())
                    .get(0);
            assertThat(alone.temperature()).isGreaterThan(0);
            assertThat(batch.get(1)).isEqualTo(alone);
        }
    }

    @Test
    void temperaturesAreParsedFromACommaSeparatedList() {
        assertThat(TemperatureFallback.openaiDefaults()
                        .withTemperatures("0, 0.5,1")
                        .temperatures())
                .containsExactly(0.0, 0.5, 1.0);
        assertThatThrownBy(() -> TemperatureFallback.openaiDefaults().withTemperatures("0,warm"))
                .hasMessageContaining("'0,warm'")
                .hasMessageContaining("0,0.2,0.4,0.6,0.8,1");
        assertThatThrownBy(() -> new TemperatureFallback(new double[] {-0.1}, 2.4, -1, 0.6))
                .hasMessageContaining("at least 0");
    }

    private static WindowTranscript decode(Path dir, TemperatureFallback fallback, float[] window) {
        try (WhisperRecognizer recognizer = TinyWhisper.builder(mkdirs(dir))
                .maxNewTokens(80)
                .temperatureFallback(fallback)
                .build()) {
            return recognizer
                    .windowDecoder()
                    .decode(List.of(window), TranscriptionOptions.defaults())
                    .get(0);
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
