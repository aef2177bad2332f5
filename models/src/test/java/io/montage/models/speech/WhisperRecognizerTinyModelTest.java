package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.audio.SpeechSegment;
import io.montage.models.audio.VoiceActivityDetector;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.Timed;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.runtime.ModelSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhisperRecognizer on the tiny random-weight model and the fixture tokenizer. Random weights write garbage,
 * so these tests pin mechanics only: batching, language detection, timestamps, windows and absolute times.
 */
class WhisperRecognizerTinyModelTest {

    private static final long S = 1_000_000;

    @TempDir
    static Path tempDir;

    private static WhisperRecognizer recognizer;

    @BeforeAll
    static void build() {
        recognizer = TinyWhisper.builder(tempDir).build();
    }

    @AfterAll
    static void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @Test
    void aMissingModelFileIsNamedWithThePullCommand(@TempDir Path dir) {
        Path absent = dir.resolve("encoder_model_quantized.onnx");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TinyWhisper.builder(dir).encoder(absent).build())
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("montage models pull tiny-whisper");
    }

    @Test
    void readsMelBinsFromTheEncoderAndTheLayoutFromTheTokenizer() {
        assertThat(((WhisperWindowDecoder) recognizer.windowDecoder()).melBins())
                .isEqualTo(80);
        assertThat(recognizer.tokens().vocabulary()).isEqualTo(WhisperVocabulary.MULTILINGUAL);
    }

    @Test
    void aBatchOfWindowsDecodesAsEachWindowAlone() {
        List<float[]> windows = List.of(TinyWhisper.noise(3, 1), TinyWhisper.noise(7.5, 2), TinyWhisper.noise(12, 3));
        TranscriptionOptions options = TranscriptionOptions.defaults();
        List<WindowTranscript> batch = recognizer.windowDecoder().decode(windows, options);
        int withText = 0;
        for (int i = 0; i < windows.size(); i++) {
            WindowTranscript alone = recognizer
                    .windowDecoder()
                    .decode(List.of(windows.get(i)), options)
                    .get(0);
            WindowTranscript together = batch.get(i);
            assertThat(together.segments())
                    .extracting(TranscribedSegment::text)
                    .containsExactlyElementsOf(alone.segments().stream()
                            .map(TranscribedSegment::text)
                            .toList());
            assertThat(together.segments())
                    .extracting(TranscribedSegment::startMicros)
                    .containsExactlyElementsOf(alone.segments().stream()
                            .map(TranscribedSegment::startMicros)
                            .toList());
            assertThat(together.language()).isEqualTo(alone.language());
            assertThat(together.languageProbability()).isCloseTo(alone.languageProbability(), within(1e-5));
            assertThat(together.noSpeechProb()).isCloseTo(alone.noSpeechProb(), within(1e-6));
            assertThat(together.avgLogProb()).isCloseTo(alone.avgLogProb(), within(1e-4));
            withText += together.segments().isEmpty() ? 0 : 1;
        }
        assertThat(withText)
                .as("some window must produce text, or the comparison proves little")
                .isPositive();
    }

    @Test
    void windowsWithDifferentOptionsShareAnEncoderBatchButKeepTheirOwnDecoding() {
        var decoder = (WhisperWindowDecoder) recognizer.windowDecoder();
        var timestamps = TranscriptionOptions.defaults();
        var plain = TranscriptionOptions.defaults().withTimestamps(false).withLanguage("fr");
        List<WindowRequest> requests = List.of(
                new WindowRequest(TinyWhisper.noise(5, 31), timestamps),
                new WindowRequest(TinyWhisper.noise(6, 32), plain),
                new WindowRequest(TinyWhisper.noise(4, 33), timestamps));
        List<WindowTranscript> mixed =
                decoder.decodePrepared(requests.stream().map(decoder::prepare).toList());
        for (int i = 0; i < requests.size(); i++) {
            WindowTranscript alone = decoder.decode(
                            List.of(requests.get(i).samples()), requests.get(i).options())
                    .get(0);
            assertThat(mixed.get(i).segments())
                    .extracting(TranscribedSegment::text)
                    .containsExactlyElementsOf(alone.segments().stream()
                            .map(TranscribedSegment::text)
                            .toList());
            assertThat(mixed.get(i).language()).isEqualTo(alone.language());
        }
        assertThat(mixed.get(1).language()).isEqualTo("fr");
        assertThat(mixed.get(1).segments()).hasSizeLessThanOrEqualTo(1); // no timestamps: one segment per window
    }

    @Test
    void detectsALanguagePerWindowUnlessGivenOne() {
        WindowTranscript detected = recognizer
                .windowDecoder()
                .decode(List.of(TinyWhisper.noise(4, 5)), TranscriptionOptions.defaults())
                .get(0);
        assertThat(recognizer.tokens().languages()).contains(detected.language());
        assertThat(detected.languageProbability()).isBetween(0.0, 1.0).isPositive();
        WindowTranscript told = recognizer
                .windowDecoder()
                .decode(
                        List.of(TinyWhisper.noise(4, 5)),
                        TranscriptionOptions.defaults().withLanguage("de"))
                .get(0);
        assertThat(told.language()).isEqualTo("de");
        assertThat(told.languageProbability()).isEqualTo(1.0);
    }

    @Test
    void segmentsLieInsideTheirWindow() {
        float[] window = TinyWhisper.noise(6, 7);
        for (boolean timestamps : new boolean[] {true, false}) {
            WindowTranscript w = recognizer
                    .windowDecoder()
                    .decode(List.of(window), TranscriptionOptions.defaults().withTimestamps(timestamps))
                    .get(0);
            assertThat(w.segments()).allSatisfy(s -> {
                assertThat(s.startMicros()).isBetween(0L, 6 * S);
                assertThat(s.endMicros()).isBetween(s.startMicros() + 1, 6 * S);
            });
            assertThat(w.noSpeechProb()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void longAudioIsDecodedInVadWindowsWithAbsoluteTimes(@TempDir Path dir) {
        var vad = new TinyWhisper.FixedVad(List.of(
                new SpeechSegment(35 * S, 40 * S),
                new SpeechSegment(41 * S, 50 * S),
                new SpeechSegment(62 * S, 66 * S)));
        try (WhisperRecognizer long_ = TinyWhisper.builder(dir)
                .voiceActivityDetector(vad)
                .maxWindowsPerBatch(2)
                .build()) {
            Transcription t = long_.transcribe(TinyWhisper.noise(70, 9));
            assertThat(t.durationMicros()).isEqualTo(70 * S);
            assertThat(t.hasSpeech()).isTrue();
            assertThat(t.segments()).isNotEmpty().allSatisfy(s -> assertThat(
                            (s.startMicros() >= 35 * S && s.endMicros() <= 50 * S)
                                    || (s.startMicros() >= 62 * S && s.endMicros() <= 66 * S))
                    .as("segment %s inside a VAD window", s)
                    .isTrue());
            assertThat(t.segments())
                    .isSortedAccordingTo(java.util.Comparator.comparingLong(TranscribedSegment::startMicros));
        }
    }

    @Test
    void eachClipIsTimedByTheModelCallsItsWindowsRodeInEachCountedOnce(@TempDir Path dir) {
        WindowPlanner planner = new WindowPlanner(WindowDecoder.MAX_WINDOW_MICROS);
        int windows = planner.cover(70 * S).size() + planner.cover(5 * S).size();
        // a batch waits up to 10 s for companions, so the windows of both clips share one call
        BatchingConfig oneCall = new BatchingConfig(8, Duration.ofSeconds(10), 64, Duration.ofMinutes(1), 1);
        try (WhisperRecognizer r = TinyWhisper.builder(dir)
                .batching(oneCall)
                .temperatureFallback(TemperatureFallback.off())
                .build()) {
            List<Timed<Transcription>> timed = r.transcribeAllTimed(
                    List.of(TinyWhisper.noise(70, 3), TinyWhisper.noise(5, 4)), TranscriptionOptions.defaults());

            assertThat(windows).isEqualTo(4);
            assertThat(timed).extracting(Timed::batchSize).containsExactly(windows, windows);
            assertThat(timed.get(0).runNanos())
                    .isPositive()
                    .isEqualTo(timed.get(1).runNanos());
            assertThat(timed.get(0).value().durationMicros()).isEqualTo(70 * S);
        }
    }

    @Test
    void aClipWithoutSpeechNeverReachesTheModelAndHasNoModelTime(@TempDir Path dir) {
        try (WhisperRecognizer r = TinyWhisper.builder(dir)
                .voiceActivityDetector(new TinyWhisper.FixedVad(List.of()))
                .build()) {
            Timed<Transcription> silent = r.transcribeAllTimed(
                            List.of(new float[16_000]), TranscriptionOptions.defaults())
                    .get(0);

            assertThat(silent.value().hasSpeech()).isFalse();
            assertThat(List.of(silent.queueNanos(), silent.runNanos(), (long) silent.batchSize()))
                    .containsOnly(0L);
        }
    }

    @Test
    void silenceGivesAnEmptyTranscriptWithTheReasonAndNoText(@TempDir Path dir) {
        var vad = new TinyWhisper.FixedVad(List.of());
        try (WhisperRecognizer r =
                TinyWhisper.builder(dir).voiceActivityDetector(vad).build()) {
            List<Transcription> all = r.transcribeAll(
                    List.of(new float[16_000 * 5], TinyWhisper.noise(2, 4)), TranscriptionOptions.defaults());
            assertThat(all).allSatisfy(t -> {
                assertThat(t.text()).isEmpty();
                assertThat(t.segments()).isEmpty();
                assertThat(t.noSpeechReason()).isEqualTo(VoiceActivityDetector.NO_SPEECH_REASON);
            });
            assertThat(vad.calls).hasValue(2);
        }
    }

    @Test
    void generatedTimestampTokensFollowWhispersGrammar() throws Exception {
        WhisperTokens t = recognizer.tokens();
        ModelSession encoder = TinyWhisper.RUNTIME.open("e", TinyWhisper.resource("/tiny/whisper/encoder_model.onnx"));
        ModelSession decoder =
                TinyWhisper.RUNTIME.open("d", TinyWhisper.resource("/tiny/whisper/decoder_model_merged.onnx"));
        try (encoder;
                decoder) {
            var generator = new EncoderDecoderGenerator(new MergedDecoder(decoder));
            var config = GenerationConfig.greedy(40, t.endOfText())
                    .withProcessors(List.of(new WhisperTimestampRules(t, 50)));
            for (long seed = 20; seed < 24; seed++) {
                float[] mel = TinyWhisper.noise(15, seed); // any 80×3000 values do for the encoder
                float[] features = java.util.Arrays.copyOf(mel, 80 * 3000);
                try (var in = OnnxTensor.createTensor(
                                encoder.environment(), FloatBuffer.wrap(features), new long[] {1, 80, 3000});
                        var out = encoder.run(Map.of("input_features", in))) {
                    long[] prompt = WhisperPrompt.of(t, "en", WhisperTask.TRANSCRIBE, true);
                    long[] tokens = generator
                            .generate((OnnxTensor) out.get(0), List.of(prompt), config)
                            .get(0)
                            .tokens();
                    assertGrammar(t, tokens);
                }
            }
        }
    }

    private static void assertGrammar(WhisperTokens t, long[] tokens) {
        assertThat(t.isTimestamp(tokens[0]))
                .as("first token of %s", java.util.Arrays.toString(tokens))
                .isTrue();
        assertThat(tokens[0]).isLessThanOrEqualTo(t.timestampBegin() + 50);
        long last = -1;
        for (int i = 0; i < tokens.length; i++) {
            assertThat(tokens[i]).isNotEqualTo(t.noTimestamps());
            if (!t.isTimestamp(tokens[i])) {
                continue;
            }
            assertThat(tokens[i]).as("timestamps never decrease").isGreaterThanOrEqualTo(last);
            boolean closesText = i > 0 && !t.isTimestamp(tokens[i - 1]);
            if (closesText) {
                assertThat(tokens[i]).as("a segment has a length").isGreaterThan(last);
                assertThat(i + 1 == tokens.length || t.isTimestamp(tokens[i + 1]))
                        .as("a closing timestamp is paired")
                        .isTrue();
            }
            if (i > 0 && t.isTimestamp(tokens[i - 1]) && i + 1 < tokens.length) {
                assertThat(t.isTimestamp(tokens[i + 1]))
                        .as("no third timestamp in a row")
                        .isFalse();
            }
            last = tokens[i];
        }
    }
}
