package io.montage.models.vision.ocr;

import ai.onnxruntime.OrtException;
import io.montage.models.runtime.ModelRunException;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * PP-OCR's DB text detector ({@code ch_PP-OCRv4_det_infer.onnx}): resize to multiples of 32, ImageNet
 * normalisation in BGR order, one model call per image, DB post-processing back to image pixels.
 * One image per call: images differ in size, and padding them to share a batch would change the
 * probability map near the padded borders.
 */
public final class PaddleDbDetector implements TextDetector {

    private final ImageModelCall model;
    private final int limitSideLen;
    private final DetectionLimitType limitType;
    private final DbPostProcessor postProcessor;

    PaddleDbDetector(ImageModelCall model, OcrSettings settings) {
        this.model = model;
        this.limitSideLen = settings.limitSideLen();
        this.limitType = settings.limitType();
        this.postProcessor = new DbPostProcessor(settings.db());
    }

    @Override
    public List<TextBox> detect(BgrImage image) {
        DetectionResize size = DetectionResize.of(image.width(), image.height(), limitSideLen, limitType);
        BgrImage resized = BilinearResize.resize(image, size.width(), size.height());
        FloatBuffer pixels = FloatBuffer.allocate(3 * size.width() * size.height());
        ChannelNormalization.DETECTION.writeChw(resized, pixels, 0, size.height(), size.width());
        ProbabilityMap map;
        try {
            map = model.run(pixels, new long[] {1, 3, size.height(), size.width()}, (values, shape) -> {
                int h = (int) shape[2];
                int w = (int) shape[3];
                float[] copy = new float[w * h];
                values.get(0, copy);
                return new ProbabilityMap(w, h, copy);
            });
        } catch (OrtException e) {
            throw new ModelRunException(
                    "text detection failed on a " + image.width() + "x" + image.height() + " image (detector input "
                            + size.width() + "x" + size.height() + "): " + e.getMessage(),
                    e);
        }
        return postProcessor.boxes(map, image.width(), image.height());
    }

    @Override
    public void close() {
        model.close();
    }
}
