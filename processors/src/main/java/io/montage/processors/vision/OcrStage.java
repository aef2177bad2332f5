package io.montage.processors.vision;

import io.montage.models.vision.ocr.ImageText;
import io.montage.models.vision.ocr.ImageTextReader;
import io.montage.models.vision.ocr.TextLine;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.OcrLine;
import io.montage.schemas.avro.OcrResult;
import io.montage.schemas.avro.Point;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.avro.Timings;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Reads the text inside images and video frames (memes, screenshots, signs) into the {@code ocr}
 * topic, and passes non-empty text on to {@code texts} so it gets a text embedding too.
 */
public final class OcrStage implements Stage<ProbeResult, OcrStage.Outputs> {

    /** The OCR record, and the text record for embedding (null when the image holds no text). */
    public record Outputs(OcrResult ocr, TextEvent text) {}

    private final ProbedImage images;
    private final ImageTextReader reader;
    private final ModelRef model;

    public OcrStage(ProbedImage images, ImageTextReader reader, ModelRef model) {
        this.images = images;
        this.reader = reader;
        this.model = model;
    }

    @Override
    public Outputs process(ProbeResult probe, InputContext context) throws StageRejection {
        BufferedImage image = images.decode(probe);
        ImageText result = ModelCall.run(model, "this image", () -> reader.read(image));
        String text = result.fullText();
        OcrResult ocr = OcrResult.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setLines(result.lines().stream().map(OcrStage::line).toList())
                .setText(text)
                .setFrame(probe.getFrame())
                .setModel(model)
                .setTimings(timings(context, result))
                .build();
        TextEvent textEvent = text.isBlank()
                ? null
                : TextEvent.newBuilder()
                        .setEventId(probe.getEventId())
                        .setKind(TextKind.OCR)
                        .setText(text)
                        .setFrame(probe.getFrame())
                        .setProducedBy(model)
                        .build();
        return new Outputs(ocr, textEvent);
    }

    private static OcrLine line(TextLine line) {
        List<Point> box = line.box().stream()
                .map(p -> new Point((float) p.x(), (float) p.y()))
                .toList();
        return new OcrLine(line.text(), (float) line.confidence(), box);
    }

    private static Timings timings(InputContext context, ImageText result) {
        Timings timings = context.finishedTimings();
        long modelNanos = result.timings().detectNanos()
                + result.timings().classifyNanos()
                + result.timings().recognizeNanos();
        timings.setModelMicros(modelNanos / 1_000);
        return timings;
    }
}
