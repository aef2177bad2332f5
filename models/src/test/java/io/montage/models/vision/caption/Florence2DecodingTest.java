package io.montage.models.vision.caption;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.generation.ForcedTokens;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.TokenHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Florence-2's text as Florence2Processor gives it: decoded with its tokenizer config's
 * {@code clean_up_tokenization_spaces}, then stripped of its markers; and room for the reference usage's 1,024 tokens
 * before {@code </s>} is forced.
 */
class Florence2DecodingTest {

    @Test
    void cleanUpIsTransformersCleanUpTokenization() {
        assertThat(TokenizationSpaces.cleanUp(
                        "A dog , on a bench . It 's here ! Is n't it ? I 'm sure they 're , we 've ' a ' b"))
                .isEqualTo("A dog, on a bench. It's here! Isn't it? I'm sure they're, we've'a'b");
    }

    @Test
    void theTokenizerConfigDecidesWhetherSpacesAreCleanedUp(@TempDir Path dir) throws Exception {
        Path on = Files.writeString(
                dir.resolve("on.json"),
                "{\"tokenizer_class\": \"BartTokenizer\", \"clean_up_tokenization_spaces\": true}");
        Path off = Files.writeString(dir.resolve("off.json"), "{\"clean_up_tokenization_spaces\": false}");
        Path silent = Files.writeString(dir.resolve("silent.json"), "{\"tokenizer_class\": \"BartTokenizer\"}");
        assertThat(TokenizationSpaces.configured(on)).isTrue();
        assertThat(TokenizationSpaces.configured(off)).isFalse();
        assertThat(TokenizationSpaces.configured(silent))
                .as("current transformers' default")
                .isFalse();
        assertThat(TokenizationSpaces.configured(dir.resolve("absent.json"))).isFalse();
    }

    @Test
    void captionTextIsCleanedThenStrippedOfMarkers() {
        String decoded = "</s><s>A cat sitting on a mat , looking up .</s>";
        assertThat(Florence2Captioner.text(decoded, true)).isEqualTo("A cat sitting on a mat, looking up.");
        assertThat(Florence2Captioner.text(decoded, false)).isEqualTo("A cat sitting on a mat , looking up .");
    }

    @Test
    void theDefaultLeavesTheReferenceUsages1024TokensBeforeForcingTheEnd() {
        CaptionSettings defaults = CaptionSettings.florence2();
        assertThat(defaults.maxNewTokens()).isEqualTo(1024);
        GenerationConfig config = Florence2Captioner.generationConfig(defaults);
        ForcedTokens forced = config.processors().stream()
                .filter(ForcedTokens.class::isInstance)
                .map(ForcedTokens.class::cast)
                .findFirst()
                .orElseThrow();
        float[] at100 = new float[16];
        forced.process(history(100), at100);
        assertThat(at100).as("position 100 is free").containsOnly(0f);
        float[] atLast = new float[16];
        forced.process(history(1023), atLast);
        assertThat(atLast[(int) Florence2Captioner.EOS]).isZero();
        assertThat(atLast[5]).as("only </s> at the last position").isEqualTo(Float.NEGATIVE_INFINITY);
    }

    private static TokenHistory history(int generated) {
        long[] tokens = new long[1 + generated];
        tokens[0] = Florence2Captioner.DECODER_START;
        java.util.Arrays.fill(tokens, 1, tokens.length, 7);
        return new TokenHistory(tokens, 1);
    }
}
