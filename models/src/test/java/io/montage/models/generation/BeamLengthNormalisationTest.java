package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.runtime.ModelSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Beam scores normalised as transformers normalises them (generation/utils.py): a finished hypothesis by
 * {@code cur_len + 1 - decoder_prompt_len} (its generated tokens, end-of-sequence included, prompt excluded), the
 * early-stop heuristic by {@code cur_len - decoder_prompt_len} after the step (the running beam's current length).
 * The tiny Whisper decoder runs for real; a scripted processor replaces its logits with chosen probabilities, so
 * every score below is known in advance.
 */
class BeamLengthNormalisationTest {

    private static final long EOS = 50257;
    private static final long A = 100;
    private static final long B = 101;
    private static final long C = 102;
    /** A multilingual Whisper prompt: four tokens that must not count towards any length. */
    private static final long[] PROMPT = {50258, 50259, 50359, 50363};

    private static ModelSession encoder;
    private static ModelSession decoder;

    @BeforeAll
    static void load() {
        encoder = TinyModels.open("whisper/encoder_model.onnx");
        decoder = TinyModels.open("whisper/decoder_model_merged.onnx");
    }

    @AfterAll
    static void close() {
        decoder.close();
        encoder.close();
    }

    /**
     * Step 1: [EOS] 0.4 finishes (score ln 0.4 / 1 = -0.916); A 0.35 and B 0.25 run. Step 2: [A, EOS] finishes
     * (ln 0.35 + ln 0.6 = -1.561, / 2 = -0.781); [A, C] runs with -1.966. Two hypotheses are kept, the worst -0.916:
     * at its current length 2 the running beam can reach -0.983, no better, so transformers stops and returns [A].
     * Judged at length 3 (as if it ended at the next step) it could reach -0.655, so the search would go on and
     * return [A, C] (ln 0.9 more: -2.071 / 3 = -0.690).
     */
    @Test
    void theEarlyStopHeuristicJudgesARunningBeamAtItsCurrentLength() throws Exception {
        LogitsProcessor script = scripted(Map.of(
                List.of(), new double[][] {{EOS, 0.4}, {A, 0.35}, {B, 0.25}},
                List.of(A), new double[][] {{EOS, 0.6}, {C, 0.4}},
                List.of(B), new double[][] {{EOS, 0.5}, {C, 0.5}},
                List.of(A, C), new double[][] {{EOS, 0.9}, {C, 0.1}}));
        GeneratedSequence best = generate(script, new BeamSearch(2, 1.0, false), 6);
        assertThat(best.tokens()).containsExactly(A);
        assertThat(best.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
        assertThat(best.sumLogProb())
                .isCloseTo(Math.log(0.35) + Math.log(0.6), org.assertj.core.data.Offset.offset(1e-5));
    }

    /**
     * [X, EOS] with ln-probability -0.9 against [X, Y, Z, EOS] with -2.0: counting the end-of-sequence token (-0.45
     * against -0.5) keeps the short one; leaving it out (-0.9 against -0.667) would keep the long one.
     */
    @Test
    void aFinishedHypothesisCountsItsEndOfSequenceToken() {
        BeamHypotheses kept = new BeamHypotheses(new BeamSearch(2, 1.0, false));
        kept.add(new long[] {A, B, C}, FinishReason.END_OF_SEQUENCE, -2.0);
        kept.add(new long[] {A}, FinishReason.END_OF_SEQUENCE, -0.9);
        assertThat(kept.best().tokens()).containsExactly(A);
        assertThat(kept.best().score()).isEqualTo(-0.45);
    }

    /** A beam cut by the token limit has no end-of-sequence token: its length is its generated tokens. */
    @Test
    void aBeamCutAtTheLimitCountsOnlyItsTokens() {
        BeamHypotheses kept = new BeamHypotheses(new BeamSearch(1, 1.0, false));
        kept.add(new long[] {A, B}, FinishReason.MAX_NEW_TOKENS, -1.0);
        assertThat(kept.best().score()).isEqualTo(-0.5);
    }

    private static GeneratedSequence generate(LogitsProcessor script, BeamSearch search, int maxNewTokens)
            throws Exception {
        try (OnnxTensor states = TinyModels.whisperStates(encoder, 7)) {
            GenerationConfig config = new GenerationConfig(search, maxNewTokens, EOS, EOS, List.of(script), true, -1);
            return new EncoderDecoderGenerator(new MergedDecoder(decoder))
                    .generate(states, List.of(PROMPT.clone()), config)
                    .get(0);
        }
    }

    /**
     * Replaces the logits with ln p for the tokens the generated-so-far sequence lists, -∞ elsewhere (so the
     * log-softmax is exactly ln p); a sequence the script does not list may end or go on with C, even odds.
     */
    private static LogitsProcessor scripted(Map<List<Long>, double[][]> script) {
        return (history, logits) -> {
            Long[] generated = new Long[history.generatedCount()];
            for (int i = 0; i < generated.length; i++) {
                generated[i] = history.generated(i);
            }
            double[][] choices = script.getOrDefault(List.of(generated), new double[][] {{EOS, 0.5}, {C, 0.5}});
            Arrays.fill(logits, Float.NEGATIVE_INFINITY);
            for (double[] choice : choices) {
                logits[(int) choice[0]] = (float) Math.log(choice[1]);
            }
        };
    }
}
