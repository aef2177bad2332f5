package io.montage.processors.video;

import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.models.vision.clip.ImageEmbedder;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.models.vision.ocr.ImageTextReader;
import io.montage.schemas.avro.ModelRef;
import java.util.Optional;

/**
 * The models that look at each scene's keyframe once, where this instance has them loaded for their
 * own stages (ocr, caption, image-embed with labels): the scene stage borrows them rather than
 * loading copies, so only keyframes, not every sampled frame, cost an OCR, caption or label call.
 * The one exception is {@code frameEmbedder}, the image-embed stage's CLIP model, which embeds every
 * sampled frame where the scene-change signal is CLIP ({@code montage.scenes.signal}).
 */
public record KeyframeModels(
        Optional<KeyframeReader> ocr,
        Optional<KeyframeCaptioner> captioner,
        Optional<KeyframeLabeller> labeller,
        Optional<FrameEmbedder> frameEmbedder) {

    /** The OCR model that reads keyframes, and the reference its text is credited to. */
    public record KeyframeReader(ImageTextReader reader, ModelRef model) {}

    /** The caption model that describes keyframes in a sentence. */
    public record KeyframeCaptioner(ImageCaptioner captioner, ModelRef model) {}

    /** The CLIP image embedder and the zero-shot label prompts scored against each keyframe's embedding. */
    public record KeyframeLabeller(ImageEmbedder embedder, ZeroShotLabels labels, ModelRef model) {}

    /** The CLIP image embedder whose embeddings of every sampled frame can tell where a scene ends. */
    public record FrameEmbedder(ImageEmbedder embedder, ModelRef model) {}

    /** No model: scenes carry their times and keyframes only, cut by colour histograms. */
    public static KeyframeModels none() {
        return new KeyframeModels(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public KeyframeModels withReader(KeyframeReader reader) {
        return new KeyframeModels(Optional.of(reader), captioner, labeller, frameEmbedder);
    }

    public KeyframeModels withCaptioner(KeyframeCaptioner keyframeCaptioner) {
        return new KeyframeModels(ocr, Optional.of(keyframeCaptioner), labeller, frameEmbedder);
    }

    public KeyframeModels withLabeller(KeyframeLabeller keyframeLabeller) {
        return new KeyframeModels(ocr, captioner, Optional.of(keyframeLabeller), frameEmbedder);
    }

    public KeyframeModels withFrameEmbedder(FrameEmbedder embedder) {
        return new KeyframeModels(ocr, captioner, labeller, Optional.of(embedder));
    }

    /** For the stage's status line: what each keyframe gets. */
    public String summary() {
        String text =
                ocr.isPresent() ? "keyframe text by the OCR model" : "no keyframe text (the ocr stage's model is off)";
        String caption = captioner.isPresent()
                ? "keyframe caption by " + captioner.get().model().getId()
                : "no keyframe caption (the caption stage's model is off)";
        String labels = labeller.isPresent()
                ? "keyframe labels by " + labeller.get().model().getId()
                : "no keyframe labels (image-embed or montage.image-embed.labels is off)";
        return text + ", " + caption + ", " + labels;
    }
}
