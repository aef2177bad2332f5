package io.montage.models.tiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.runtime.TensorSpec;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed tiny models (models/tools/make_tiny_models.py) have the real exports' I/O, and their
 * merged decoders' KV cache is wired right: a cached step gives the logits of a full uncached pass.
 */
class TinyModelsTest {

    private static final ModelRuntime RUNTIME =
            new ModelRuntime(RuntimeSettings.cpu().withThreads(1, 1));
    private static ModelSession whisperEncoder;
    private static ModelSession whisperDecoder;
    private static ModelSession vitEncoder;
    private static ModelSession gpt2Decoder;
    private static ModelSession clipVision;
    private static ModelSession clipText;

    @BeforeAll
    static void load() throws Exception {
        whisperEncoder = open("whisper/encoder_model.onnx");
        whisperDecoder = open("whisper/decoder_model_merged.onnx");
        vitEncoder = open("vit-gpt2/encoder_model.onnx");
        gpt2Decoder = open("vit-gpt2/decoder_model_merged.onnx");
        clipVision = open("clip/vision_model.onnx");
        clipText = open("clip/text_model.onnx");
    }

    @AfterAll
    static void close() {
        for (ModelSession s : java.util.Arrays.asList(
                whisperEncoder, whisperDecoder, vitEncoder, gpt2Decoder, clipVision, clipText)) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static ModelSession open(String name) throws Exception {
        return RUNTIME.open(
                "tiny/" + name,
                Path.of(TinyModelsTest.class.getResource("/tiny/" + name).toURI()));
    }

    @Test
    void whisperEncoderMapsLogMelFramesToHalfAsManyHiddenStates() throws Exception {
        assertSpec(whisperEncoder.inputs().get("input_features"), OnnxJavaType.FLOAT, -1, 80, 3000);
        long[] out = whisperEncoder.outputs().get("last_hidden_state").shape();
        assertThat(out[0]).isEqualTo(-1);
        assertThat(out[2]).isEqualTo(8);
        var env = whisperEncoder.environment();
        try (var features = floats(env, random(2 * 80 * 3000, 1), 2, 80, 3000);
                var result = whisperEncoder.run(Map.of("input_features", features))) {
            assertThat(((OnnxTensor) result.get(0)).getInfo().getShape()).containsExactly(2, 1500, 8);
        }
    }

    @Test
    void whisperMergedDecoderDeclaresOptimumsInputsAndOutputs() {
        assertThat(whisperDecoder.inputs().keySet())
                .containsExactly(
                        "input_ids",
                        "encoder_hidden_states",
                        "past_key_values.0.decoder.key",
                        "past_key_values.0.decoder.value",
                        "past_key_values.0.encoder.key",
                        "past_key_values.0.encoder.value",
                        "past_key_values.1.decoder.key",
                        "past_key_values.1.decoder.value",
                        "past_key_values.1.encoder.key",
                        "past_key_values.1.encoder.value",
                        "use_cache_branch");
        assertThat(whisperDecoder.outputs().keySet())
                .containsExactly(
                        "logits",
                        "present.0.decoder.key",
                        "present.0.decoder.value",
                        "present.0.encoder.key",
                        "present.0.encoder.value",
                        "present.1.decoder.key",
                        "present.1.decoder.value",
                        "present.1.encoder.key",
                        "present.1.encoder.value");
        assertSpec(whisperDecoder.inputs().get("input_ids"), OnnxJavaType.INT64, -1, -1);
        assertSpec(whisperDecoder.inputs().get("use_cache_branch"), OnnxJavaType.BOOL, 1);
        assertSpec(whisperDecoder.inputs().get("past_key_values.0.decoder.key"), OnnxJavaType.FLOAT, -1, 2, -1, 4);
        assertSpec(whisperDecoder.outputs().get("logits"), OnnxJavaType.FLOAT, -1, -1, 51865);
    }

    @Test
    void whisperCachedStepEqualsTheUncachedFullPass() throws Exception {
        // <|startoftranscript|> <|en|> <|transcribe|> <|notimestamps|> (multilingual ids, docs/model-exports.md §1.6)
        long[] tokens = {50258, 50259, 50359, 50363};
        float[] encoder = random(1 * 1500 * 8, 7);
        assertCachedStepMatchesFullPass(whisperDecoder, tokens, encoder, 1500, true);
    }

    @Test
    void gpt2MergedDecoderDeclaresDecoderOnlyKvNames() {
        assertThat(gpt2Decoder.inputs().keySet())
                .containsExactly(
                        "input_ids",
                        "encoder_hidden_states",
                        "past_key_values.0.key",
                        "past_key_values.0.value",
                        "past_key_values.1.key",
                        "past_key_values.1.value",
                        "use_cache_branch");
        assertThat(gpt2Decoder.outputs().keySet())
                .containsExactly("logits", "present.0.key", "present.0.value", "present.1.key", "present.1.value");
        assertSpec(gpt2Decoder.outputs().get("logits"), OnnxJavaType.FLOAT, -1, -1, 50257);
    }

    @Test
    void gpt2CachedStepEqualsTheUncachedFullPass() throws Exception {
        long[] tokens = {50256, 32, 1049, 286, 257}; // <|endoftext|> then ordinary ids
        float[] encoder = encodeImage(vitEncoder, random(3 * 224 * 224, 3));
        assertCachedStepMatchesFullPass(gpt2Decoder, tokens, encoder, 197, false);
    }

    @Test
    void vitEncoderProducesOneStatePerPatchPlusCls() throws Exception {
        assertSpec(vitEncoder.inputs().get("pixel_values"), OnnxJavaType.FLOAT, -1, -1, -1, -1);
        assertThat(encodeImage(vitEncoder, random(3 * 224 * 224, 4))).hasSize(197 * 8);
    }

    @Test
    void clipTowersProject512DimensionalEmbeddingsThatDependOnTheirInputs() throws Exception {
        assertSpec(clipVision.outputs().get("image_embeds"), OnnxJavaType.FLOAT, -1, 512);
        assertSpec(clipText.inputs().get("input_ids"), OnnxJavaType.INT64, -1, -1);
        assertSpec(clipText.outputs().get("text_embeds"), OnnxJavaType.FLOAT, -1, 512);
        var env = clipText.environment();
        // <|startoftext|> ... <|endoftext|> (49406 / 49407); pooled at the end-of-text token
        long[][] texts = {{49406, 320, 1929, 49407}, {49406, 320, 2368, 49407}};
        try (var ids = OnnxTensor.createTensor(env, texts);
                var result = clipText.run(Map.of("input_ids", ids))) {
            float[][] embeds = (float[][]) result.get(0).getValue();
            assertThat(embeds[0]).hasSize(512);
            assertThat(embeds[0]).isNotEqualTo(embeds[1]);
        }
        try (var pixels = floats(env, random(2 * 3 * 224 * 224, 9), 2, 3, 224, 224);
                var result = clipVision.run(Map.of("pixel_values", pixels))) {
            float[][] embeds = (float[][]) result.get(0).getValue();
            assertThat(embeds[0]).isNotEqualTo(embeds[1]);
        }
    }

    /** Full pass over all tokens vs. prefix pass (use_cache_branch=false) then one cached step for the last token. */
    private static void assertCachedStepMatchesFullPass(
            ModelSession decoder, long[] tokens, float[] encoder, int encoderLength, boolean cachedCross)
            throws Exception {
        OrtEnvironment env = decoder.environment();
        int vocab = (int) decoder.outputs().get("logits").shape()[2];
        float[] full;
        try (var result = step(decoder, tokens, encoder, encoderLength, false, Map.of())) {
            full = lastLogits(result, tokens.length, vocab);
        }
        long[] prefix = java.util.Arrays.copyOf(tokens, tokens.length - 1);
        float[] cached;
        float[] withoutCache;
        try (var first = step(decoder, prefix, encoder, encoderLength, false, Map.of())) {
            var past = new HashMap<String, OnnxTensor>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> out : first) {
                if (out.getKey().startsWith("present.")) {
                    past.put(out.getKey().replace("present.", "past_key_values."), (OnnxTensor) out.getValue());
                }
            }
            try (var second =
                    step(decoder, new long[] {tokens[tokens.length - 1]}, encoder, encoderLength, true, past)) {
                cached = lastLogits(second, 1, vocab);
                if (cachedCross) {
                    // Optimum's merged decoder: cached steps emit empty encoder presents; keep step 1's.
                    assertThat(((OnnxTensor) second.get("present.0.encoder.key").orElseThrow())
                                    .getInfo()
                                    .getShape()[0])
                            .isZero();
                }
            }
        }
        try (var alone =
                step(decoder, new long[] {tokens[tokens.length - 1]}, encoder, encoderLength, false, Map.of())) {
            withoutCache = lastLogits(alone, 1, vocab);
        }
        for (int i = 0; i < vocab; i += 97) {
            assertThat(cached[i]).as("logit %d", i).isCloseTo(full[i], within(1e-4f));
        }
        assertThat(maxAbsDiff(withoutCache, full))
                .as("the last token alone must differ, or the test proves nothing")
                .isGreaterThan(1e-3f);
    }

    private static OrtSession.Result step(
            ModelSession decoder,
            long[] tokens,
            float[] encoder,
            int encoderLength,
            boolean useCache,
            Map<String, OnnxTensor> past)
            throws OrtException {
        OrtEnvironment env = decoder.environment();
        var owned = new HashMap<String, OnnxTensor>();
        try {
            var feeds = new HashMap<String, OnnxTensor>(past);
            owned.put("input_ids", OnnxTensor.createTensor(env, new long[][] {tokens}));
            owned.put("encoder_hidden_states", floats(env, encoder, 1, encoderLength, 8));
            owned.put("use_cache_branch", OnnxTensor.createTensor(env, new boolean[] {useCache}));
            for (TensorSpec spec : decoder.inputs().values()) {
                if (spec.name().startsWith("past_key_values.") && !past.containsKey(spec.name())) {
                    owned.put(spec.name(), floats(env, new float[0], 1, spec.shape()[1], 0, spec.shape()[3]));
                }
            }
            feeds.putAll(owned);
            return decoder.run(feeds);
        } finally {
            owned.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] lastLogits(OrtSession.Result result, int seq, int vocab) {
        FloatBuffer logits = ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer();
        float[] last = new float[vocab];
        logits.get((seq - 1) * vocab, last, 0, vocab);
        return last;
    }

    private static float[] encodeImage(ModelSession encoder, float[] pixels) throws OrtException {
        try (var tensor = floats(encoder.environment(), pixels, 1, 3, 224, 224);
                var result = encoder.run(Map.of("pixel_values", tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            assertThat(out.getInfo().getShape()).containsExactly(1, 197, 8);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        }
    }

    private static OnnxTensor floats(OrtEnvironment env, float[] values, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    }

    private static float[] random(int n, long seed) {
        var rng = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        return values;
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static void assertSpec(TensorSpec spec, OnnxJavaType type, long... shape) {
        assertThat(spec.type()).as(spec.name()).isEqualTo(type);
        assertThat(spec.shape()).as(spec.name()).containsExactly(shape);
    }
}
