package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed fixture tokenizer (models/tools/make_whisper_test_tokenizer.py) through real DJL tokenizers. */
class WhisperTokenizerTest {

    private static WhisperTokenizer tokenizer;

    static Path fixture() {
        try {
            return Path.of(WhisperTokenizerTest.class
                    .getResource("/speech/whisper-tokenizer/tokenizer.json")
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void open() {
        tokenizer = WhisperTokenizer.open(fixture(), "test-whisper");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void readsTheMultilingualSpecialIdsFromTheAddedTokens() {
        assertThat(tokenizer.tokens()).isEqualTo(WhisperVocabulary.MULTILINGUAL.tokens());
    }

    @Test
    void byteLevelBpeRoundTripsTextWithMerges() {
        long[] ids = tokenizer.encode("hello world");
        assertThat(ids).hasSize(2); // "hello", " world" are merges in the fixture
        assertThat(tokenizer.decodeText(ids)).isEqualTo("hello world");
        assertThat(tokenizer.decodeText(tokenizer.encode("naïve – 30 €"))).isEqualTo("naïve – 30 €");
    }

    @Test
    void decodingLeavesOutSpecialAndTimestampTokens() {
        WhisperTokens t = tokenizer.tokens();
        long[] text = tokenizer.encode(" my fellow americans");
        long[] sequence = new long[text.length + 6];
        sequence[0] = t.startOfTranscript();
        sequence[1] = t.languageToken("en").orElseThrow();
        sequence[2] = t.transcribe();
        sequence[3] = t.timestampBegin();
        System.arraycopy(text, 0, sequence, 4, text.length);
        sequence[text.length + 4] = t.timestampBegin() + 100;
        sequence[text.length + 5] = t.endOfText();
        assertThat(tokenizer.decodeText(sequence)).isEqualTo(" my fellow americans");
    }

    @Test
    void aMissingTokenizerNamesTheFileAndThePullCommand() {
        assertThatThrownBy(() -> WhisperTokenizer.open(Path.of("/nonexistent/tokenizer.json"), "whisper-base"))
                .hasMessageContaining("/nonexistent/tokenizer.json")
                .hasMessageContaining("montage models pull whisper-base");
    }
}
