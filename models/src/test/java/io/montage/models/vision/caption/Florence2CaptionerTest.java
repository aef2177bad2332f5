package io.montage.models.vision.caption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.generation.BeamSearch;
import io.montage.models.generation.FinishReason;
import io.montage.models.generation.GeneratedSequence;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.vision.preprocess.ImagePreprocessing;
import io.montage.models.vision.preprocess.PixelValues;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Florence-2 captioning on the tiny random-weight four-file export (models/tools/make_tiny_florence2.py). The text is
 * garbage; what is pinned down is the prompt, the image/text concatenation, the embeddings-fed decoder, the
 * generation_config rules, stopping and batching.
 */
class Florence2CaptionerTest {

    private static final int MAX_NEW_TOKENS = 9;

    @TempDir
    static Path directory;

    private static Florence2Captioner captioner;
    private static CaptionTask task;
    private static final List<BufferedImage> IMAGES = TinyCaptionModels.images(3);

    @BeforeAll
    static void load() throws Exception {
        captioner = Florence2Captioner.builder()
                .files(TinyCaptionModels.florence2(directory))
                .runtime(TinyCaptionModels.RUNTIME)
                .batching(TinyCaptionModels.batchesOf(3))
                .settings(CaptionSettings.florence2().withMaxNewTokens(MAX_NEW_TOKENS))
                .build();
        task = captioner.task();
    }

    @AfterAll
    static void close() {
        if (captioner != null) {
            captioner.close();
        }
    }

    private static List<GeneratedSequence> run(CaptionTask t, List<BufferedImage> images) throws Exception {
        List<PixelValues> pixels = images.stream().map(t::prepare).toList();
        return t.run(pixels);
    }

    @Test
    void thePromptIsTheTaskSentenceBetweenBosAndEosNeverTheTag() throws Exception {
        long[] ids = captioner.prompt().inputIds();
        assertThat(ids[0]).isEqualTo(0);
        assertThat(ids[ids.length - 1]).isEqualTo(2);
        try (CaptionTokenizer tokenizer = CaptionTokenizer.open(directory.resolve("tokenizer.json"), "tiny")) {
            long[] sentence = Arrays.copyOfRange(ids, 1, ids.length - 1);
            assertThat(sentence).containsExactly(tokenizer.encode("What does the image describe?"));
            assertThat(tokenizer.decodeSkippingSpecialTokens(ids)).isEqualTo("What does the image describe?");
            assertThat(Florence2Prompt.of(Florence2Task.DETAILED_CAPTION, tokenizer)
                            .inputIds())
                    .containsExactly(concat(0, tokenizer.encode("Describe in detail what is shown in the image."), 2));
        }
        assertThat(Florence2Task.ofTag("<MORE_DETAILED_CAPTION>").sentence())
                .isEqualTo("Describe with a paragraph what is shown in the image.");
        assertThatThrownBy(() -> Florence2Task.ofTag("<OD>")).hasMessageContaining("<CAPTION>");
    }

    @Test
    void theEncoderReads577ImagePositionsThenThePrompt() throws Exception {
        Florence2Prompt prompt = captioner.prompt();
        long[] mask = prompt.attentionMask(577);
        assertThat(mask).hasSize(577 + prompt.length());
        assertThat(Arrays.stream(mask).allMatch(v -> v == 1)).isTrue();
        try (OnnxTensor states =
                task.encoder().encode(IMAGES.stream().map(task::prepare).toList())) {
            assertThat(states.getInfo().getShape()).containsExactly(3, 577 + prompt.length(), 8);
        }
    }

    @Test
    void defaultsFollowGenerationConfig() {
        var config = Florence2Captioner.generationConfig(CaptionSettings.florence2());
        assertThat(config.search()).isEqualTo(new BeamSearch(3, 1.0, true));
        assertThat(config.eosTokenId()).isEqualTo(2);
        assertThat(config.padTokenId()).isEqualTo(1);
        assertThat(CaptionSettings.florence2().noRepeatNGramSize()).isEqualTo(3);
        assertThat(ImagePreprocessing.FLORENCE_2.outputSizeFor(1000, 10).width())
                .isEqualTo(768);
    }

    @Test
    void startsWithTheForcedBosAndEndsWithTheForcedEosAtTheLengthLimit() throws Exception {
        for (GeneratedSequence out : run(task, IMAGES)) {
            assertThat(out.tokens()[0]).as("forced_bos_token_id").isEqualTo(0);
            assertThat(out.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
            assertThat(out.tokens().length).isLessThanOrEqualTo(MAX_NEW_TOKENS - 1);
        }
        CaptionTask greedy = task.withGeneration(Florence2Captioner.generationConfig(
                CaptionSettings.florence2().withMaxNewTokens(MAX_NEW_TOKENS).withBeams(1)));
        GeneratedSequence out = run(greedy, IMAGES.subList(0, 1)).get(0);
        assertThat(out.tokens())
                .as("random weights: the forced </s> at max_length - 1 ends it")
                .hasSize(MAX_NEW_TOKENS - 1);
    }

    @Test
    void neverRepeatsATrigram() throws Exception {
        CaptionTask longer = task.withGeneration(Florence2Captioner.generationConfig(
                CaptionSettings.florence2().withMaxNewTokens(40).withBeams(1)));
        long[] tokens = run(longer, IMAGES.subList(2, 3)).get(0).tokens();
        Set<List<Long>> seen = new HashSet<>();
        for (int i = 0; i + 3 <= tokens.length; i++) {
            assertThat(seen.add(List.of(tokens[i], tokens[i + 1], tokens[i + 2])))
                    .as("trigram at %d of %s", i, Arrays.toString(tokens))
                    .isTrue();
        }
    }

    @Test
    void aBatchOfThreeImagesGivesWhatEachGivesAlone() throws Exception {
        List<GeneratedSequence> together = run(task, IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            GeneratedSequence alone = run(task, List.of(IMAGES.get(i))).get(0);
            assertThat(together.get(i).tokens()).as("image %d", i).containsExactly(alone.tokens());
        }
        assertThat(together.get(0).tokens())
                .as("different images, different captions")
                .isNotEqualTo(together.get(1).tokens());
        List<GeneratedCaption> captions = captioner.captionAll(IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            GeneratedCaption alone = captioner.caption(IMAGES.get(i));
            assertThat(captions.get(i).text()).isEqualTo(alone.text());
            assertThat(captions.get(i).taskPrompt()).isEqualTo("<CAPTION>");
            assertThat(captions.get(i).averageLogProbability())
                    .isCloseTo(alone.averageLogProbability(), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void oneBeamIsGreedySearch() throws Exception {
        CaptionTask oneBeam = task.withGeneration(Florence2Captioner.generationConfig(
                CaptionSettings.florence2().withMaxNewTokens(MAX_NEW_TOKENS).withBeams(1)));
        CaptionTask greedy = task.withGeneration(Florence2Captioner.generationConfig(CaptionSettings.florence2()
                .withMaxNewTokens(MAX_NEW_TOKENS)
                .withSearch(new io.montage.models.generation.GreedySearch())));
        List<GeneratedSequence> beams = run(oneBeam, IMAGES);
        List<GeneratedSequence> greedyOut = run(greedy, IMAGES);
        for (int i = 0; i < IMAGES.size(); i++) {
            assertThat(beams.get(i).tokens())
                    .as("image %d", i)
                    .containsExactly(greedyOut.get(i).tokens());
        }
    }

    @Test
    void textKeepsSpecialTokensWhileDecodingThenDropsTheMarkers() {
        assertThat(Florence2Captioner.withoutMarkers("<s>A diagram of a cat.</s>"))
                .isEqualTo("A diagram of a cat.");
        assertThat(Florence2Captioner.withoutMarkers("</s><s> two cats<pad>")).isEqualTo("two cats");
    }

    @Test
    void aDecoderTakingEmbeddingsNeedsThemAndSaysSo() throws Exception {
        try (ModelSession decoder = TinyCaptionModels.RUNTIME.open(
                "tiny-florence-2/decoder", directory.resolve("decoder_model_merged.onnx"), ModelRuntime.WarmUp.NONE)) {
            assertThatThrownBy(() -> new MergedDecoder(decoder))
                    .hasMessageContaining("inputs_embeds")
                    .hasMessageContaining("TokenEmbeddings");
        }
    }

    private static long[] concat(long first, long[] middle, long last) {
        long[] out = new long[middle.length + 2];
        out[0] = first;
        System.arraycopy(middle, 0, out, 1, middle.length);
        out[out.length - 1] = last;
        return out;
    }
}
