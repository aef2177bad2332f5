package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports with float16 inputs and outputs (models/tools/make_fp16_io_variants.py over the tiny Whisper): types
 * are read from the session, states are converted between an encoder and a decoder that disagree, and the
 * cache works in float16 as well.
 */
class HalfPrecisionIoTest {

    private static final long[] PROMPT = {50258, 50259, 50359, 50363};
    private static ModelSession encoder16;
    private static ModelSession decoder16;
    private static ModelSession encoder32;
    private static ModelSession decoder32;

    @BeforeAll
    static void load() throws Exception {
        encoder16 = open("/speech/tiny-whisper-fp16-io/encoder_model_fp16.onnx");
        decoder16 = open("/speech/tiny-whisper-fp16-io/decoder_model_merged_fp16.onnx");
        encoder32 = TinyModels.open("whisper/encoder_model.onnx");
        decoder32 = TinyModels.open("whisper/decoder_model_merged.onnx");
    }

    private static ModelSession open(String resource) throws Exception {
        return TinyModels.RUNTIME.open(
                resource,
                Path.of(HalfPrecisionIoTest.class.getResource(resource).toURI()),
                ModelRuntime.WarmUp.NONE);
    }

    @AfterAll
    static void close() {
        for (ModelSession s : java.util.Arrays.asList(encoder16, decoder16, encoder32, decoder32)) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void theVariantsDeclareFloat16() {
        assertThat(encoder16.inputs().get("input_features").type()).isEqualTo(OnnxJavaType.FLOAT16);
        assertThat(decoder16.inputs().get("past_key_values.0.encoder.key").type())
                .isEqualTo(OnnxJavaType.FLOAT16);
        assertThat(decoder16.outputs().get("logits").type()).isEqualTo(OnnxJavaType.FLOAT16);
    }

    @Test
    void aFloat16DecoderTakesFloat32StatesAndFeedsItsFloat16CacheBack() throws Exception {
        var generator = new EncoderDecoderGenerator(new MergedDecoder(decoder16));
        GenerationConfig config = GenerationConfig.greedy(10, -1);
        try (OnnxTensor states32 = TinyModels.whisperStates(encoder32, 3)) {
            GeneratedSequence cached =
                    generator.generate(states32, List.of(PROMPT), config).get(0);
            GeneratedSequence recomputed = generator
                    .generate(states32, List.of(PROMPT), config.withCache(false))
                    .get(0);
            // the cached path reads fp16-rounded KV back while recomputing keeps it float32 inside the graph, so only
            // the first steps are bound to agree exactly on this near-tie-rich random model
            assertThat(cached.tokens()).hasSize(10).startsWith(java.util.Arrays.copyOf(recomputed.tokens(), 4));
            assertThat(cached.sumLogProb()).isFinite().isNegative();
            GeneratedSequence beams = generator
                    .generate(states32, List.of(PROMPT), config.withSearch(BeamSearch.of(2)))
                    .get(0);
            assertThat(beams.tokens()).hasSize(10);
        }
    }

    @Test
    void float16EncoderStatesFeedAFloat32Decoder() throws Exception {
        float[] mel = TinyModels.gaussian(80 * 3000, 3);
        try (OnnxTensor features = FloatTensors.create(
                        encoder16.environment(), OnnxJavaType.FLOAT16, mel, new long[] {1, 80, 3000});
                OrtSession.Result encoded = encoder16.run(Map.of("input_features", features))) {
            OnnxTensor states16 = (OnnxTensor) encoded.get(0);
            assertThat(states16.getInfo().type).isEqualTo(OnnxJavaType.FLOAT16);
            var generator = new EncoderDecoderGenerator(new MergedDecoder(decoder32));
            long[] tokens = generator
                    .generate(states16, List.of(PROMPT), GenerationConfig.greedy(6, -1))
                    .get(0)
                    .tokens();
            long[] reference;
            try (OnnxTensor states32 = TinyModels.whisperStates(encoder32, 3)) {
                reference = generator
                        .generate(states32, List.of(PROMPT), GenerationConfig.greedy(6, -1))
                        .get(0)
                        .tokens();
            }
            // fp16 rounding of the mel input and the states barely moves these logits; the first choices agree
            assertThat(tokens[0]).isEqualTo(reference[0]);
        }
    }
}
