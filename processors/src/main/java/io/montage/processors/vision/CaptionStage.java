package io.montage.processors.vision;

import java.awt.image.BufferedImage;

import io.montage.models.batching.Timed;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;

/**
 * Captions images and video frames (alt text for accessibility, auto-captioning of uploads) into
 * the {@code captions} topic, and passes each caption on to {@code texts} for a text embedding.
 */
public final class CaptionStage implements Stage<ProbeResult, CaptionStage.Outputs> {

    public static final String NAME = "caption";

    /** The caption record, and the same text for embedding. */
    public record Outputs(Caption caption, TextEvent text) {
    }

    private final ProbedImage images;
    private final ImageCaptioner captioner;
    private final ModelRef model;

    public CaptionStage(ProbedImage images, ImageCaptioner captioner, ModelRef model) {
        this.images = images;
        this.captioner = captioner;
        this.model = model;
    }

    @Override
    public Outputs process(ProbeResult probe, InputContext context) throws StageRejection {
        BufferedImage image = images.decode(probe);
        Timed<io.montage.models.vision.caption.Caption> timed = ModelCall.run(model, "this image",
                () -> captioner.captionTimed(image));
        io.montage.models.vision.caption.Caption made = timed.value();
        Caption caption = Caption.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setText(made.text())
                .setTask(made.taskPrompt() == null || made.taskPrompt().isEmpty() ? null : made.taskPrompt())
                .setAverageLogProbability((float) made.averageLogProbability())
                .setFrame(probe.getFrame())
                .setModel(model)
                .setTimings(context.finishedTimings(timed))
                .build();
        TextEvent text = made.text().isBlank() ? null : TextEvent.newBuilder()
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
