package io.montage.processors.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRunException;
import io.montage.models.vision.ocr.ImageText;
import io.montage.models.vision.ocr.ImageTextReader;
import io.montage.models.vision.ocr.OcrTimings;
import io.montage.models.vision.ocr.Point;
import io.montage.models.vision.ocr.TextLine;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.avro.Timings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The OCR stage alone, on a real PNG decoded by FFmpeg, with readers standing in for PaddleOCR so
 * that each outcome (lines, no text, the model failing, a fault in Montage) can be produced on
 * purpose. PaddleOCR itself is tested in models and end to end.
 */
class OcrStageTest {

    private static final ModelRef MODEL = new ModelRef("pp-ocrv4-test", null, "cpu");
    private static final List<Point> BOX =
            List.of(new Point(1, 2), new Point(30, 2), new Point(30, 12), new Point(1, 12));

    @Test
    void linesBecomeTheOcrRecordAndTheirTextGoesOnToBeEmbedded() throws Exception {
        OcrStage stage = stage(image -> new ImageText(
                List.of(new TextLine("SALE", 0.98, BOX), new TextLine("50% off", 0.91, BOX)),
                new OcrTimings(3_000_000, 1_000_000, 2_000_000)));

        OcrStage.Outputs outputs = stage.process(probe(), context());

        assertThat(outputs.ocr().getEventId()).isEqualTo("event-1");
        assertThat(outputs.ocr().getText()).isEqualTo("SALE\n50% off");
        assertThat(outputs.ocr().getLines()).hasSize(2);
        assertThat(outputs.ocr().getLines().get(0).getBox())
                .extracting(p -> p.getX())
                .containsExactly(1f, 30f, 30f, 1f);
        assertThat(outputs.ocr().getModel()).isEqualTo(MODEL);
        assertThat(outputs.ocr().getTimings().getModelMicros()).isEqualTo(6_000L);
        assertThat(outputs.text().getKind()).isEqualTo(TextKind.OCR);
        assertThat(outputs.text().getText()).isEqualTo("SALE\n50% off");
        assertThat(outputs.text().getProducedBy()).isEqualTo(MODEL);
    }

    @Test
    void anImageWithoutTextHasAnEmptyRecordAndNothingToEmbed() throws Exception {
        OcrStage stage = stage(image -> new ImageText(List.of(), new OcrTimings(1, 0, 0)));

        OcrStage.Outputs outputs = stage.process(probe(), context());

        assertThat(outputs.ocr().getLines()).isEmpty();
        assertThat(outputs.ocr().getText()).isEmpty();
        assertThat(outputs.text()).isNull();
    }

    @Test
    void theModelFailingOnAnImageIsAModelErrorNamingTheModel() {
        OcrStage stage = stage(image -> {
            throw new ModelRunException(
                    "text detection failed on a 64x48 image (detector input 64x64): "
                            + "Non-zero status code returned while running Conv node",
                    null);
        });

        assertThatThrownBy(() -> stage.process(probe(), context())).isInstanceOfSatisfying(StageRejection.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ErrorClass.MODEL_ERROR);
            assertThat(e.getMessage()).startsWith("The model pp-ocrv4-test failed on this image: text detection");
        });
    }

    @Test
    void aFaultInMontageIsNotBlamedOnTheImage() {
        OcrStage stage = stage(image -> {
            throw new IllegalStateException("a bug");
        });

        // not a rejection: the stage processor dead-letters it as INTERNAL_ERROR and logs it
        assertThatThrownBy(() -> stage.process(probe(), context())).isInstanceOf(IllegalStateException.class);
    }

    private static OcrStage stage(Function<BufferedImage, ImageText> read) {
        ImageTextReader reader = new ImageTextReader() {
            @Override
            public ImageText read(BufferedImage image) {
                assertThat(image.getWidth()).isEqualTo(64);
                return read.apply(image);
            }

            @Override
            public String modelId() {
                return MODEL.getId();
            }

            @Override
            public void close() {}
        };
        ProbedImage images =
                new ProbedImage(new MediaResolver(List.of(), 1 << 20), new FfmpegImageDecoder(MediaLimits.defaults()));
        return new OcrStage(images, reader, MODEL);
    }

    private static ProbeResult probe() throws Exception {
        BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        return ProbeResult.newBuilder()
                .setEventId("event-1")
                .setInput(new InputRef("images", 0, 7L))
                .setKind(MediaKind.IMAGE)
                .setWidth(64)
                .setHeight(48)
                .setSizeBytes(png.size())
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(png.toByteArray()))
                        .build())
                .setTimings(Timings.newBuilder()
                        .setInputTimestamp(Instant.EPOCH)
                        .setStartedAt(Instant.EPOCH)
                        .setFinishedAt(Instant.EPOCH)
                        .setProcessingMicros(0L)
                        .build())
                .build();
    }

    private static InputContext context() {
        return new InputContext("probes", 0, 7, Instant.EPOCH, Instant.now(), System.nanoTime(), 0);
    }
}
