package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.runtime.ModelSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generation loop on the tiny random-weight Whisper and vit-gpt2 models. Their text is garbage; what
 * is pinned down is mechanics: stopping, cache = recompute, beam search, batching.
 */
class EncoderDecoderGeneratorTest {

    /** <|startoftranscript|> <|en|> <|transcribe|> <|notimestamps|>, multilingual ids (docs/model-exports.md §1.6). */
    private static final long[] WHISPER_PROMPT = {50258, 50259, 50359, 50363};

    private static final long NEVER = -1;

    private static ModelSession whisperEncoder;
    private static ModelSession whisperDecoder;
    private static ModelSession vitEncoder;
    private static ModelSession gpt2Decoder;
    private static EncoderDecoderGenerator whisper;
    private static EncoderDecoderGenerator gpt2;

    @BeforeAll
    static void load() {
        whisperEncoder = TinyModels.open("whisper/encoder_model.onnx");
        whisperDecoder = TinyModels.open("whisper/decoder_model_merged.onnx");
        vitEncoder = TinyModels.open("vit-gpt2/encoder_model.onnx");
        gpt2Decoder = TinyModels.open("vit-gpt2/decoder_model_merged.onnx");
        whisper = new EncoderDecoderGenerator(new MergedDecoder(whisperDecoder));
        gpt2 = new EncoderDecoderGenerator(new MergedDecoder(gpt2Decoder));
    }

    @AfterAll
    static void close() {
        for (ModelSession s : Arrays.asList(whisperEncoder, whisperDecoder, vitEncoder, gpt2Decoder)) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static List<GeneratedSequence> whisper(GenerationConfig config, long... seeds) throws Exception {
        try (OnnxTensor states = TinyModels.whisperStates(whisperEncoder, seeds)) {
            List<long[]> prompts = new ArrayList<>();
            for (long ignored : seeds) {
                prompts.add(WHISPER_PROMPT.clone());
            }
            return whisper.generate(states, prompts, config);
        }
    }

    @Test
    void stopsAtMaxNewTokensWhenNoEndOfSequenceComes() throws Exception {
        GeneratedSequence out = whisper(GenerationConfig.greedy(7, NEVER), 1).get(0);
        assertThat(out.tokens()).hasSize(7);
        assertThat(out.finishReason()).isEqualTo(FinishReason.MAX_NEW_TOKENS);
        assertThat(out.sumLogProb()).isNegative();
    }

    @Test
    void stopsAtTheEndOfSequenceTokenAndDropsIt() throws Exception {
        long[] free = whisper(GenerationConfig.greedy(10, NEVER), 1).get(0).tokens();
        int stopAt = firstNewTokenIndexAfter(free, 1);
        GeneratedSequence out =
                whisper(GenerationConfig.greedy(10, free[stopAt]), 1).get(0);
        assertThat(out.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
        assertThat(out.tokens()).containsExactly(Arrays.copyOf(free, stopAt));
        assertThat(out.scoredLength()).isEqualTo(stopAt + 1);
    }

    @Test
    void cachedDecodingEqualsRecomputingTheWholeSequenceEveryStep() throws Exception {
        GenerationConfig config = GenerationConfig.greedy(12, NEVER);
        GeneratedSequence cached = whisper(config, 3).get(0);
        GeneratedSequence recomputed = whisper(config.withCache(false), 3).get(0);
        assertThat(cached.tokens()).containsExactly(recomputed.tokens());
        assertThat(cached.sumLogProb()).isCloseTo(recomputed.sumLogProb(), within(1e-3));
        assertThat(distinct(cached.tokens()))
                .as("a constant output would hide cache bugs")
                .isGreaterThan(3);
    }

    @Test
    void decoderOnlyKvNamesAreCachedAsWell() throws Exception {
        GenerationConfig config = GenerationConfig.greedy(10, NEVER);
        try (OnnxTensor states = TinyModels.vitStates(vitEncoder, 4)) {
            List<long[]> prompt =
                    List.<long[]>of(new long[] {50256}); // vit-gpt2 decoder_start_token_id (docs/model-exports.md §2)
            long[] cached = gpt2.generate(states, prompt, config).get(0).tokens();
            long[] recomputed = gpt2.generate(states, prompt, config.withCache(false))
                    .get(0)
                    .tokens();
            assertThat(cached).containsExactly(recomputed).hasSize(10);
        }
    }

    @Test
    void beamSearchWithOneBeamAndEarlyStoppingIsGreedy() throws Exception {
        long[] free = whisper(GenerationConfig.greedy(10, NEVER), 5).get(0).tokens();
        long eos = free[firstNewTokenIndexAfter(free, 4)];
        GenerationConfig greedy = GenerationConfig.greedy(10, eos);
        GeneratedSequence g = whisper(greedy, 5).get(0);
        GeneratedSequence b =
                whisper(greedy.withSearch(new BeamSearch(1, 1.0, true)), 5).get(0);
        assertThat(b.tokens()).containsExactly(g.tokens());
        assertThat(b.finishReason()).isEqualTo(g.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
        assertThat(b.sumLogProb()).isCloseTo(g.sumLogProb(), within(1e-4));
    }

    @Test
    void beamSearchReordersTheKvCacheWithItsBeams() throws Exception {
        GenerationConfig beams = GenerationConfig.greedy(8, NEVER).withSearch(new BeamSearch(3, 1.0, false));
        GeneratedSequence cached = whisper(beams, 6).get(0);
        GeneratedSequence recomputed = whisper(beams.withCache(false), 6).get(0);
        assertThat(cached.tokens()).containsExactly(recomputed.tokens()).hasSize(8);
        assertThat(cached.sumLogProb()).isCloseTo(recomputed.sumLogProb(), within(1e-3));
    }

    @Test
    void beamSearchFindsAtLeastAsLikelyAnOutputAsGreedyWithoutLengthNormalisation() throws Exception {
        GenerationConfig greedy = GenerationConfig.greedy(6, NEVER);
        double greedyScore = whisper(greedy, 7).get(0).sumLogProb();
        double beamScore = whisper(greedy.withSearch(new BeamSearch(4, 0.0, false)), 7)
                .get(0)
                .sumLogProb();
        assertThat(beamScore).isGreaterThanOrEqualTo(greedyScore - 1e-4);
    }

    @Test
    void aBatchDecodesExactlyAsEachInputAlone() throws Exception {
        long[] free = whisper(GenerationConfig.greedy(10, NEVER), 11).get(0).tokens();
        long eos = free[firstNewTokenIndexAfter(free, 2)]; // input 11 stops early; the others (likely) run on
        for (GenerationConfig config : List.of(
                GenerationConfig.greedy(10, eos),
                GenerationConfig.greedy(10, eos).withSearch(new BeamSearch(2, 1.0, false)))) {
            List<GeneratedSequence> batch = whisper(config, 11, 12, 13);
            long[] seeds = {11, 12, 13};
            for (int i = 0; i < seeds.length; i++) {
                GeneratedSequence alone = whisper(config, seeds[i]).get(0);
                assertThat(batch.get(i).tokens())
                        .as("%s input %d", config.search(), i)
                        .containsExactly(alone.tokens());
                assertThat(batch.get(i).finishReason()).isEqualTo(alone.finishReason());
                assertThat(batch.get(i).sumLogProb()).isCloseTo(alone.sumLogProb(), within(1e-3));
            }
            if (config.search() instanceof GreedySearch) {
                assertThat(batch.get(0).finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
                assertThat(batch.stream().map(s -> s.tokens().length).distinct().count())
                        .as("finished rows stop growing while others go on")
                        .isGreaterThan(1);
            }
        }
    }

    @Test
    void processorsShapeTheChoice() throws Exception {
        GenerationConfig plain = GenerationConfig.greedy(4, NEVER);
        long first = whisper(plain, 8).get(0).tokens()[0];
        long[] suppressed = whisper(plain.withProcessors(List.of(new SuppressTokens(new long[] {first}))), 8)
                .get(0)
                .tokens();
        assertThat(suppressed).doesNotContain(first);
        long[] forced = whisper(plain.withProcessors(List.of(ForcedTokens.at(1, 440))), 8)
                .get(0)
                .tokens();
        assertThat(forced[0]).isEqualTo(first);
        assertThat(forced[1]).isEqualTo(440);
    }

    @Test
    void returnsTheRawLogitsAtTheAskedPromptPosition() throws Exception {
        GenerationConfig config = GenerationConfig.greedy(2, NEVER).withPromptLogitsAt(0);
        try (OnnxTensor states = TinyModels.whisperStates(whisperEncoder, 9)) {
            float[] captured = whisper.generate(states, List.of(WHISPER_PROMPT), config)
                    .get(0)
                    .promptLogits();
            float[] alone = whisper.promptLogits(states, List.<long[]>of(new long[] {WHISPER_PROMPT[0]}), 0)
                    .get(0);
            assertThat(captured).hasSize(51865);
            for (int i = 0; i < captured.length; i += 101) {
                assertThat(captured[i]).isCloseTo(alone[i], within(1e-4f));
            }
        }
    }

    @Test
    void raggedPromptsAreRefused() throws Exception {
        try (OnnxTensor states = TinyModels.whisperStates(whisperEncoder, 1, 2)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> whisper.generate(
                            states,
                            List.of(new long[] {50258}, new long[] {50258, 50259}),
                            GenerationConfig.greedy(2, NEVER)))
                    .hasMessageContaining("same length");
        }
    }

    /** An index past {@code from} whose token did not occur before it, so that using it as eos stops exactly there. */
    private static int firstNewTokenIndexAfter(long[] tokens, int from) {
        for (int i = from; i < tokens.length; i++) {
            long t = tokens[i];
            if (Arrays.stream(tokens, 0, i).noneMatch(x -> x == t)) {
                return i;
            }
        }
        throw new AssertionError("no fresh token in " + Arrays.toString(tokens));
    }

    private static long distinct(long[] tokens) {
        return Arrays.stream(tokens).distinct().count();
    }
}
