package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import io.montage.models.batching.BatchTask;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.GeneratedSequence;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.vision.preprocess.ImagePreprocessor;
import io.montage.models.vision.preprocess.PixelValues;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Captioning as a {@link BatchTask}: preprocessing on the caller's thread, then one encoder call and one generation
 * (every image's sequence in one decoder batch, each stopping at its own end-of-sequence) per batch, then detokenising
 * on the caller's thread.
 */
final class CaptionTask implements BatchTask<BufferedImage, PixelValues, GeneratedSequence, GeneratedCaption> {

    private final String modelId;
    private final String taskPrompt;
    private final ImagePreprocessor preprocessor;
    private final CaptionEncoder encoder;
    private final EncoderDecoderGenerator generator;
    private final long[] decoderPrompt;
    private final GenerationConfig generation;
    private final Function<long[], String> text;

    /**
     * @param decoderPrompt what the decoder starts from (its {@code decoder_start_token_id})
     * @param text          generated ids (no prompt, no end-of-sequence) to caption text
     */
    CaptionTask(
            String modelId,
            String taskPrompt,
            ImagePreprocessor preprocessor,
            CaptionEncoder encoder,
            EncoderDecoderGenerator generator,
            long[] decoderPrompt,
            GenerationConfig generation,
            Function<long[], String> text) {
        this.modelId = modelId;
        this.taskPrompt = taskPrompt;
        this.preprocessor = preprocessor;
        this.encoder = encoder;
        this.generator = generator;
        this.decoderPrompt = decoderPrompt.clone();
        this.generation = generation;
        this.text = text;
    }

    GenerationConfig generation() {
        return generation;
    }

    /** The same task generating under other rules (tests pin the stopping and search mechanics with it). */
    CaptionTask withGeneration(GenerationConfig other) {
        return new CaptionTask(modelId, taskPrompt, preprocessor, encoder, generator, decoderPrompt, other, text);
    }

    String modelId() {
        return modelId;
    }

    CaptionEncoder encoder() {
        return encoder;
    }

    @Override
    public PixelValues prepare(BufferedImage image) {
        return preprocessor.preprocess(image);
    }

    @Override
    public List<GeneratedSequence> run(List<PixelValues> batch) throws Exception {
        try (OnnxTensor states = encoder.encode(batch)) {
            List<long[]> prompts = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                prompts.add(decoderPrompt.clone());
            }
            return generator.generate(states, prompts, generation);
        }
    }

    @Override
    public GeneratedCaption finish(BufferedImage image, GeneratedSequence generated) {
        return new GeneratedCaption(
                text.apply(generated.tokens()), taskPrompt, generated.avgLogProb(), generated.finishReason(), modelId);
    }
}
