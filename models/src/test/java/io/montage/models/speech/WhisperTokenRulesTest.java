package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.LogitsProcessor;
import io.montage.models.generation.TokenHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which tokens Whisper's decoding forbids, against openai/whisper decoding.py: without timestamps nothing beyond the
 * suppress lists (only {@code <|notimestamps|>} in the prompt), and the first token is never the tokenizer's own
 * end-of-text, whatever generation_config.json's begin_suppress_tokens says.
 */
class WhisperTokenRulesTest {

    private static final int VOCABULARY = 51865;

    @TempDir
    static Path dir;

    private static WhisperRecognizer recognizer;

    @BeforeAll
    static void build() {
        recognizer = TinyWhisper.builder(dir).build();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void withoutTimestampsNoTimestampTokenIsForbidden() {
        WhisperTokens t = recognizer.tokens();
        long[] prompt = WhisperPrompt.of(t, "en", WhisperTask.TRANSCRIBE, false);
        GenerationConfig config =
                decoder().config(TranscriptionOptions.defaults().withTimestamps(false), prompt.length);
        float[] first = processed(config, prompt);
        float[] later = processed(config, append(prompt, 300));
        for (float[] logits : new float[][] {first, later}) {
            assertThat(LongStream.rangeClosed(t.timestampBegin(), t.lastTimestamp())
                            .filter(id -> logits[(int) id] == Float.NEGATIVE_INFINITY))
                    .as("forbidden timestamps")
                    .isEmpty();
            assertThat(logits[(int) t.transcribe()])
                    .as("control tokens stay forbidden, as in _get_suppress_tokens")
                    .isEqualTo(Float.NEGATIVE_INFINITY);
        }
    }

    @Test
    void withTimestampsTheFirstTokenIsATimestamp() {
        WhisperTokens t = recognizer.tokens();
        long[] prompt = WhisperPrompt.of(t, "en", WhisperTask.TRANSCRIBE, true);
        float[] first = processed(decoder().config(TranscriptionOptions.defaults(), prompt.length), prompt);
        assertThat(first[300]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(first[(int) t.timestampBegin()]).isFinite();
    }

    @Test
    void beginSuppressUsesTheTokenizersEndOfTextWhenTheConfigNamesTheOtherLayoutsOne() throws Exception {
        // openai/whisper-large-v3-turbo config.json: begin_suppress_tokens [220, 50256] in a multilingual vocabulary
        Path config = Files.writeString(
                dir.resolve("turbo_generation_config.json"), "{\"begin_suppress_tokens\": [220, 50256]}");
        WhisperTokens multilingual = WhisperVocabulary.MULTILINGUAL.tokens();
        assertThat(WhisperDecodingSettings.fromGenerationConfig(config, multilingual)
                        .beginSuppressTokens())
                .containsExactly(220, 50257);
        WhisperTokens englishOnly = WhisperVocabulary.ENGLISH_ONLY.tokens();
        assertThat(WhisperDecodingSettings.fromGenerationConfig(config, englishOnly)
                        .beginSuppressTokens())
                .containsExactly(220, 50256);
        Path noEndOfText = Files.writeString(dir.resolve("blank_only.json"), "{\"begin_suppress_tokens\": [220]}");
        assertThat(WhisperDecodingSettings.fromGenerationConfig(noEndOfText, multilingual)
                        .beginSuppressTokens())
                .as("openai's SuppressBlank always adds eot")
                .containsExactly(220, 50257);
    }

    @Test
    void theTurboConfigLeavesTheOrdinaryToken50256FreeAndForbidsTheRealEndOfText() throws Exception {
        Path config = Files.writeString(
                dir.resolve("turbo_generation_config.json"), "{\"begin_suppress_tokens\": [220, 50256]}");
        WhisperTokens t = recognizer.tokens();
        WhisperDecodingSettings settings = WhisperDecodingSettings.fromGenerationConfig(config, t);
        long[] prompt = WhisperPrompt.of(t, "en", WhisperTask.TRANSCRIBE, false);
        float[] logits = new float[VOCABULARY];
        new io.montage.models.generation.SuppressTokensAtBegin(settings.beginSuppressTokens())
                .process(new TokenHistory(prompt, prompt.length), logits);
        assertThat(logits[(int) t.endOfText()]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[220]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[50256]).isZero();
    }

    private static WhisperWindowDecoder decoder() {
        return (WhisperWindowDecoder) recognizer.windowDecoder();
    }

    private static float[] processed(GenerationConfig config, long[] history) {
        float[] logits = new float[VOCABULARY];
        int promptLength = history.length - (history[history.length - 1] == 300 ? 1 : 0);
        for (LogitsProcessor p : config.processors()) {
            p.process(new TokenHistory(history, promptLength), logits);
        }
        return logits;
    }

    private static long[] append(long[] tokens, long token) {
        long[] out = Arrays.copyOf(tokens, tokens.length + 1);
        out[tokens.length] = token;
        return out;
    }
}
