package io.montage.models.vision.caption;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.generation.FinishReason;
import io.montage.models.generation.GeneratedSequence;
import io.montage.models.generation.GreedySearch;
import io.montage.models.vision.preprocess.PixelValues;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vit-gpt2 captioning on the tiny random-weight ViT encoder and merged GPT-2 decoder. The text is garbage; what is
 * pinned down is mechanics: stopping, batching, beam search, the GPT-2 ids and the detokenising.
 */
class VisionEncoderDecoderCaptionerTest {

    @TempDir
    static Path directory;

    private static VisionEncoderDecoderCaptioner captioner;
    private static CaptionTask greedy;
    private static final List<BufferedImage> IMAGES = TinyCaptionModels.images(3);

    @BeforeAll
    static void load() throws Exception {
        captioner = VisionEncoderDecoderCaptioner.builder()
                .files(TinyCaptionModels.vitGpt2(directory))
                .runtime(TinyCaptionModels.RUNTIME)
                .batching(TinyCaptionModels.batchesOf(3))
                .settings(CaptionSettings.vitGpt2().withMaxNewTokens(8))
                .build();
        greedy = captioner.task();
    }

    @AfterAll
    static void close() {
        if (captioner != null) {
            captioner.close();
        }
    }

    private static List<GeneratedSequence> run(CaptionTask task, List<BufferedImage> images) throws Exception {
        List<PixelValues> pixels = images.stream().map(task::prepare).toList();
        return task.run(pixels);
    }

    @Test
    void usesGpt2EndOfTextAsStartEndAndPadding() {
        assertThat(greedy.generation().eosTokenId()).isEqualTo(50256);
        assertThat(greedy.generation().padTokenId()).isEqualTo(50256);
        assertThat(greedy.generation().search()).isInstanceOf(GreedySearch.class);
        assertThat(CaptionSettings.vitGpt2().maxNewTokens())
                .as("max_length 20 counts the start token")
                .isEqualTo(19);
    }

    @Test
    void stopsAtMaxNewTokensWhenNoEndOfTextComes() throws Exception {
        GeneratedSequence out = run(greedy, IMAGES.subList(0, 1)).get(0);
        assertThat(out.finishReason()).isEqualTo(FinishReason.MAX_NEW_TOKENS);
        assertThat(out.tokens()).hasSize(8);
        GeneratedCaption caption = captioner.caption(IMAGES.get(0));
        assertThat(caption.finishReason()).isEqualTo(FinishReason.MAX_NEW_TOKENS);
        assertThat(caption.averageLogProbability()).isNegative().isEqualTo(out.avgLogProb());
        assertThat(caption.modelId()).isEqualTo("tiny-vit-gpt2");
        assertThat(caption.taskPrompt()).isEmpty();
    }

    @Test
    void stopsAtTheEndOfSequenceTokenAndLeavesItOut() throws Exception {
        long[] free = run(greedy, IMAGES.subList(1, 2)).get(0).tokens();
        int stopAt = firstRepeatFreeIndex(free);
        CaptionTask stopping = greedy.withGeneration(new io.montage.models.generation.GenerationConfig(
                new GreedySearch(), 8, free[stopAt], 50256, List.of(), true, -1));
        GeneratedSequence out = run(stopping, IMAGES.subList(1, 2)).get(0);
        assertThat(out.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
        assertThat(out.tokens()).containsExactly(Arrays.copyOf(free, stopAt));
    }

    @Test
    void aBatchOfThreeImagesGivesWhatEachGivesAlone() throws Exception {
        List<GeneratedSequence> together = run(greedy, IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            GeneratedSequence alone = run(greedy, List.of(IMAGES.get(i))).get(0);
            assertThat(together.get(i).tokens()).as("image %d", i).containsExactly(alone.tokens());
            assertThat(together.get(i).sumLogProb())
                    .isCloseTo(alone.sumLogProb(), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(together.get(0).tokens())
                .as("different images, different captions")
                .isNotEqualTo(together.get(1).tokens());
    }

    @Test
    void captionAllThroughTheBatcherEqualsOneAtATime() {
        List<GeneratedCaption> together = captioner.captionAll(IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            GeneratedCaption alone = captioner.caption(IMAGES.get(i));
            assertThat(together.get(i).text()).isEqualTo(alone.text());
            assertThat(together.get(i).averageLogProbability())
                    .isCloseTo(alone.averageLogProbability(), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void oneBeamIsGreedySearch() throws Exception {
        CaptionTask oneBeam = greedy.withGeneration(VisionEncoderDecoderCaptioner.generationConfig(
                CaptionSettings.vitGpt2().withMaxNewTokens(8).withBeams(1)));
        List<GeneratedSequence> beams = run(oneBeam, IMAGES);
        List<GeneratedSequence> greedyOut = run(greedy, IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            assertThat(beams.get(i).tokens())
                    .as("image %d", i)
                    .containsExactly(greedyOut.get(i).tokens());
        }
    }

    @Test
    void beamSearchBatchesLikeOneAtATime() throws Exception {
        CaptionTask beams = greedy.withGeneration(VisionEncoderDecoderCaptioner.generationConfig(
                CaptionSettings.vitGpt2().withMaxNewTokens(6).withBeams(3)));
        List<GeneratedSequence> together = run(beams, IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            assertThat(together.get(i).tokens())
                    .as("image %d", i)
                    .containsExactly(run(beams, List.of(IMAGES.get(i))).get(0).tokens());
        }
    }

    @Test
    void decodesGpt2ByteLevelTextWithoutTheEndOfTextToken() throws Exception {
        try (CaptionTokenizer tokenizer = CaptionTokenizer.open(directory.resolve("tokenizer.json"), "tiny")) {
            long[] ids = tokenizer.encode("a cat on the diagram");
            long[] withEnd = Arrays.copyOf(ids, ids.length + 1);
            withEnd[ids.length] = 50256;
            assertThat(tokenizer.decodeSkippingSpecialTokens(withEnd)).isEqualTo("a cat on the diagram");
            assertThat(tokenizer.decodeKeepingSpecialTokens(withEnd)).isEqualTo("a cat on the diagram<|endoftext|>");
        }
    }

    /** An index whose token does not occur earlier, so stopping on it stops exactly there. */
    private static int firstRepeatFreeIndex(long[] tokens) {
        for (int i = 1; i < tokens.length; i++) {
            final int at = i;
            if (Arrays.stream(tokens, 0, i).noneMatch(t -> t == tokens[at])) {
                return i;
            }
        }
        throw new IllegalStateException("every token repeats an earlier one: " + Arrays.toString(tokens));
    }
}
