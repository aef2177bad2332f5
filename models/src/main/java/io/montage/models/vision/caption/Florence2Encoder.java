package io.montage.models.vision.caption;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.generation.FloatTensors;
import io.montage.models.runtime.ModelSession;
import io.montage.models.vision.preprocess.PixelValues;
import java.util.List;
import java.util.Map;

/**
 * Florence-2's encoder side (transformers.js {@code Florence2ForConditionalGeneration}, docs/model-exports.md §4 steps 1-4):
 * {@code vision_encoder} turns pixels into {@code image_features} [B,577,D]; the prompt's embeddings follow them;
 * {@code encoder_model} reads the concatenation with its attention mask and returns {@code last_hidden_state}.
 * Every image of a batch gets the same prompt, so no row is padded and the decoder's all-ones
 * {@code encoder_attention_mask} is the right one.
 */
final class Florence2Encoder implements CaptionEncoder {

    static final String PIXEL_VALUES = "pixel_values";
    static final String IMAGE_FEATURES = "image_features";
    static final String INPUTS_EMBEDS = "inputs_embeds";
    static final String ATTENTION_MASK = "attention_mask";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private final ModelSession vision;
    private final ModelSession encoder;
    private final Florence2Prompt prompt;
    private final float[] promptEmbeds;

    Florence2Encoder(ModelSession vision, ModelSession encoder, EmbedTokens embedTokens, Florence2Prompt prompt)
            throws OrtException {
        InputTensors.require(vision, PIXEL_VALUES, "Florence-2's vision_encoder*.onnx");
        InputTensors.requireOutput(vision, IMAGE_FEATURES, "Florence-2's vision_encoder*.onnx");
        InputTensors.require(encoder, INPUTS_EMBEDS, "Florence-2's encoder_model*.onnx");
        InputTensors.require(encoder, ATTENTION_MASK, "Florence-2's encoder_model*.onnx");
        InputTensors.requireOutput(encoder, LAST_HIDDEN_STATE, "Florence-2's encoder_model*.onnx");
        this.vision = vision;
        this.encoder = encoder;
        this.prompt = prompt;
        // one fixed prompt per captioner: embed it once
        this.promptEmbeds = embedTokens.embedOne(prompt.inputIds());
    }

    Florence2Prompt prompt() {
        return prompt;
    }

    @Override
    public OnnxTensor encode(List<PixelValues> images) throws OrtException {
        float[] features;
        long[] featureShape;
        try (OnnxTensor pixels = InputTensors.pixels(vision, PIXEL_VALUES, images);
                OrtSession.Result result = vision.run(Map.of(PIXEL_VALUES, pixels))) {
            OnnxTensor out = OutputTensors.get(vision, result, IMAGE_FEATURES);
            features = FloatTensors.read(out);
            featureShape = out.getInfo().getShape();
        }
        int rows = images.size();
        int imageTokens = (int) featureShape[1];
        int hidden = (int) featureShape[2];
        int textTokens = prompt.length();
        if (promptEmbeds.length != textTokens * hidden) {
            throw new IllegalStateException("model '" + vision.modelId() + "': image features have width " + hidden
                    + " but token embeddings " + promptEmbeds.length / textTokens
                    + "; vision_encoder and embed_tokens must come"
                    + " from the same export");
        }
        int sequence = imageTokens + textTokens;
        float[] joined = new float[rows * sequence * hidden];
        long[] mask = new long[rows * sequence];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features, r * imageTokens * hidden, joined, r * sequence * hidden, imageTokens * hidden);
            System.arraycopy(promptEmbeds, 0, joined, (r * sequence + imageTokens) * hidden, promptEmbeds.length);
            System.arraycopy(prompt.attentionMask(imageTokens), 0, mask, r * sequence, sequence);
        }
        try (OnnxTensor embeds = InputTensors.floats(encoder, INPUTS_EMBEDS, joined, rows, sequence, hidden);
                OnnxTensor attention = InputTensors.integers(encoder, ATTENTION_MASK, mask, rows, sequence);
                OrtSession.Result result = encoder.run(Map.of(INPUTS_EMBEDS, embeds, ATTENTION_MASK, attention))) {
            return OutputTensors.copy(encoder, result, LAST_HIDDEN_STATE);
        }
    }
}
