package io.montage.processors.vision;

import io.montage.models.batching.Timed;
import io.montage.models.vision.caption.GeneratedCaption;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.processors.stage.BatchStage;
import io.montage.processors.stage.ItemBatch;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.StageInput;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Captions images and video frames (alt text for accessibility, auto-captioning of uploads) into
 * the {@code captions} topic, and passes each caption on to {@code texts} for a text embedding.
 */
public final class CaptionStage implements BatchStage<ProbeResult, CaptionStage.Outputs> {

    /** The caption record, and the same text for embedding. */
    public record Outputs(Caption caption, TextEvent text) {}

    private final ProbedImage images;
    private final ImageCaptioner captioner;
    private final ModelRef model;

    public CaptionStage(ProbedImage images, ImageCaptioner captioner, ModelRef model) {
        this.images = images;
        this.captioner = captioner;
        this.model = model;
    }

    @Override
    public List<ItemOutcome<Outputs>> processAll(List<StageInput<ProbeResult>> inputs) {
        return ItemBatch.<ProbeResult, BufferedImage, Timed<GeneratedCaption>>prepare(
                        inputs, input -> images.decode(input.value()))
                .run(model, "this image", captioner::captionAllTimed)
                .finish((input, image, timed) -> outputs(input, timed));
    }

    private Outputs outputs(StageInput<ProbeResult> input, Timed<GeneratedCaption> timed) {
        ProbeResult probe = input.value();
        GeneratedCaption made = timed.value();
        Caption caption = Caption.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(input.context().inputRef())
                .setText(made.text())
                .setTask(made.taskPrompt() == null || made.taskPrompt().isEmpty() ? null : made.taskPrompt())
                .setAverageLogProbability((float) made.averageLogProbability())
                .setFrame(probe.getFrame())
                .setModel(model)
                .setTimings(input.context().finishedTimings(timed))
                .build();
        TextEvent text = made.text().isBlank()
                ? null
                : TextEvent.newBuilder()
                        .setEventId(probe.getEventId())
                        .setKind(TextKind.CAPTION)
                        .setText(made.text())
                        .setLanguage("en")
                        .setFrame(probe.getFrame())
                        .setProducedBy(model)
                        .build();
        return new Outputs(caption, text);
    }
}
