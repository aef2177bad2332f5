package io.montage.models.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoders exported with transformers &gt; 4.43 declare {@code cache_position} (Optimum's WhisperOnnxConfig). The
 * fixture (models/tools/make_export_variants.py) is the tiny merged decoder taking its token positions from that
 * input instead of computing them, so it equals the base decoder only when every step is fed past length + i.
 */
class CachePositionTest {

    private static final long[] PROMPT = {50258, 50259, 50359, 50363};
    private static final long NEVER = -1;

    private static ModelSession encoder;
    private static ModelSession base;
    private static ModelSession withCachePosition;

    @BeforeAll
    static void load() throws Exception {
        encoder = TinyModels.open("whisper/encoder_model.onnx");
        base = TinyModels.open("whisper/decoder_model_merged.onnx");
        withCachePosition = TinyModels.RUNTIME.open(
                "tiny/cache-position",
                Path.of(CachePositionTest.class
                        .getResource("/tiny-variants/whisper-cache-position/decoder_model_merged.onnx")
                        .toURI()),
                ModelRuntime.WarmUp.NONE);
    }

    @AfterAll
    static void close() {
        withCachePosition.close();
        base.close();
        encoder.close();
    }

    @Test
    void theFixtureDeclaresCachePositionAsOptimumDoes() {
        assertThat(withCachePosition.inputs()).containsKey(MergedDecoder.CACHE_POSITION);
        assertThat(withCachePosition.inputs().get(MergedDecoder.CACHE_POSITION).shape())
                .containsExactly(-1);
        assertThat(base.inputs()).doesNotContainKey(MergedDecoder.CACHE_POSITION);
    }

    @Test
    void cachedStepsFedTheirPositionsGenerateWhatTheBaseDecoderGenerates() throws Exception {
        GenerationConfig greedy = GenerationConfig.greedy(12, NEVER);
        for (GenerationConfig config :
                List.of(greedy, greedy.withCache(false), greedy.withSearch(new BeamSearch(3, 1.0, false)))) {
            GeneratedSequence expected = generate(base, config);
            GeneratedSequence actual = generate(withCachePosition, config);
            assertThat(actual.tokens()).as("%s", config.search()).containsExactly(expected.tokens());
            assertThat(actual.sumLogProb()).isCloseTo(expected.sumLogProb(), within(1e-5));
        }
    }

    private static GeneratedSequence generate(ModelSession decoder, GenerationConfig config) throws Exception {
        try (OnnxTensor states = TinyModels.whisperStates(encoder, 4)) {
            return new EncoderDecoderGenerator(new MergedDecoder(decoder))
                    .generate(states, List.of(PROMPT.clone()), config)
                    .get(0);
        }
    }
}
