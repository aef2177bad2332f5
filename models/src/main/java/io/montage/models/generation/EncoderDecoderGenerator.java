package io.montage.models.generation;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.List;

/**
 * Autoregressive generation over a merged decoder, given the encoder's hidden states: Whisper, and
 * captioning (vit-gpt2, Florence-2) alike. The protocol is Optimum's / Transformers.js's
 * (docs/model-exports.md §0.2): step 1 feeds the prompt with {@code use_cache_branch=false} and zero-length past
 * tensors, every later step only the newest token with the previous step's presents, keeping step 1's
 * encoder KV. Thread-safe: every call owns its tensors and closes them before returning.
 */
public final class EncoderDecoderGenerator {

    private final MergedDecoder decoder;

    public EncoderDecoderGenerator(MergedDecoder decoder) {
        this.decoder = decoder;
    }

    public MergedDecoder decoder() {
        return decoder;
    }

    /**
     * Generates one sequence per prompt.
     *
     * @param encoderStates encoder hidden states [prompts, encoderLength, hidden] in any floating-point type
     *                      (converted when the decoder declares another); may be null for a decoder without
     *                      an {@code encoder_hidden_states} input. Not closed here.
     * @param prompts       decoder start tokens, one array per input, all the same length (these decoders take
     *                      no padding mask, so ragged prompts would change the result)
     */
    public List<GeneratedSequence> generate(OnnxTensor encoderStates, List<long[]> prompts, GenerationConfig config) {
        requireBatch(encoderStates, prompts);
        int beams = config.search() instanceof BeamSearch b ? b.numBeams() : 1;
        try (PreparedStates states = prepare(encoderStates, beams)) {
            if (config.search() instanceof BeamSearch b) {
                return BeamLoop.run(decoder, states.tensor(), prompts, config, b);
            }
            return GreedyLoop.run(decoder, states.tensor(), prompts, config);
        } catch (OrtException e) {
            throw new GenerationException(
                    "model '" + decoder.session().modelId() + "': generation failed: " + e.getMessage(), e);
        }
    }

    /**
     * One uncached step over the prompts, returning each prompt's raw logits at {@code position}: Whisper's
     * language detection reads the logits after {@code <|startoftranscript|>} this way.
     */
    public List<float[]> promptLogits(OnnxTensor encoderStates, List<long[]> prompts, int position) {
        requireBatch(encoderStates, prompts);
        long[][] tokens = prompts.toArray(long[][]::new);
        try (PreparedStates states = prepare(encoderStates, 1);
                KvCache empty = decoder.emptyCache(tokens.length);
                OrtSession.Result result = decoder.step(tokens, states.tensor(), empty)) {
            StepLogits logits = StepLogits.of(result);
            return java.util.stream.IntStream.range(0, tokens.length)
                    .mapToObj(r -> logits.row(r, position))
                    .toList();
        } catch (OrtException e) {
            throw new GenerationException(
                    "model '" + decoder.session().modelId() + "': decoder step failed: " + e.getMessage(), e);
        }
    }

    private void requireBatch(OnnxTensor encoderStates, List<long[]> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts to generate from");
        }
        if (encoderStates != null && encoderStates.getInfo().getShape()[0] != prompts.size()) {
            throw new IllegalArgumentException("encoder states hold "
                    + encoderStates.getInfo().getShape()[0] + " rows for " + prompts.size() + " prompts");
        }
    }

    /** The encoder states as the decoder wants them: its declared type, one row per beam. */
    private PreparedStates prepare(OnnxTensor encoderStates, int beams) throws OrtException {
        if (encoderStates == null || !decoder.acceptsEncoderStates()) {
            return new PreparedStates(encoderStates, false);
        }
        OrtEnvironment env = decoder.session().environment();
        OnnxJavaType wanted = decoder.encoderStatesType();
        OnnxTensor typed = encoderStates;
        if (encoderStates.getInfo().type != wanted) {
            typed = FloatTensors.create(
                    env,
                    wanted,
                    FloatTensors.read(encoderStates),
                    encoderStates.getInfo().getShape());
        }
        if (beams == 1) {
            return new PreparedStates(typed, typed != encoderStates);
        }
        int rows = (int) typed.getInfo().getShape()[0];
        int[] expanded = new int[rows * beams];
        for (int r = 0; r < expanded.length; r++) {
            expanded[r] = r / beams;
        }
        try {
            return new PreparedStates(FloatTensors.gatherRows(env, typed, expanded), true);
        } finally {
            if (typed != encoderStates) {
                typed.close();
            }
        }
    }

    private record PreparedStates(OnnxTensor tensor, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                tensor.close();
            }
        }
    }
}
