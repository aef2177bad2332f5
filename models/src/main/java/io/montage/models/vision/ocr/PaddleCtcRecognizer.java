package io.montage.models.vision.ocr;

import ai.onnxruntime.OrtException;
import io.montage.models.runtime.ModelRunException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * PP-OCRv4's CTC text recogniser ({@code ch_PP-OCRv4_rec_infer.onnx}), batched as PaddleOCR's
 * tools/infer/predict_rec.py batches: crops sorted by aspect ratio, {@code batchSize} at a time, each
 * resized to height 48 keeping its aspect, the batch as wide as 48 × its widest ratio (at least 320,
 * rec_image_shape "3, 48, 320"), zero-padded after normalising to [-1, 1].
 *
 * <p>It batches the crops of one image itself instead of going through a {@code DynamicBatcher}: the
 * batch width follows its widest crop and the SVTR neck attends along the whole width, so a crop's text
 * could change with the crops of unrelated requests sharing its batch (the BatchTask contract forbids
 * that); within one image, sorting by ratio keeps that padding small, exactly as PaddleOCR does.
 */
public final class PaddleCtcRecognizer implements TextRecognizer {

    static final int HEIGHT = 48;
    /** rec_image_shape "3, 48, 320": the narrowest batch is 320/48 wide. */
    static final double MIN_WIDTH_RATIO = 320.0 / 48.0;

    private final ImageModelCall model;
    private final CtcDecoder decoder;
    private final int batchSize;

    PaddleCtcRecognizer(ImageModelCall model, CharacterDictionary dictionary, int batchSize, int beamWidth) {
        this.model = model;
        this.decoder = CtcDecoder.of(dictionary, beamWidth);
        this.batchSize = batchSize;
    }

    @Override
    public List<RecognizedText> recognize(List<BgrImage> lineImages) {
        Integer[] order = new Integer[lineImages.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> lineImages.get(i).aspectRatio()));
        RecognizedText[] results = new RecognizedText[lineImages.size()];
        for (int start = 0; start < order.length; start += batchSize) {
            var batch = new ArrayList<BgrImage>();
            for (int k = start; k < Math.min(start + batchSize, order.length); k++) {
                batch.add(lineImages.get(order[k]));
            }
            List<RecognizedText> texts = recognizeBatch(batch);
            for (int k = 0; k < texts.size(); k++) {
                results[order[start + k]] = texts.get(k);
            }
        }
        return List.of(results);
    }

    private List<RecognizedText> recognizeBatch(List<BgrImage> batch) {
        double widestRatio = Math.max(
                MIN_WIDTH_RATIO,
                batch.stream().mapToDouble(BgrImage::aspectRatio).max().orElse(0));
        int planeWidth = (int) (HEIGHT * widestRatio);
        FloatBuffer pixels = FloatBuffer.allocate(batch.size() * 3 * HEIGHT * planeWidth);
        for (int i = 0; i < batch.size(); i++) {
            BgrImage crop = batch.get(i);
            int width = Math.max(1, Math.min(planeWidth, (int) Math.ceil(HEIGHT * crop.aspectRatio())));
            ChannelNormalization.SYMMETRIC.writeChw(
                    BilinearResize.resize(crop, width, HEIGHT), pixels, i, HEIGHT, planeWidth);
        }
        try {
            return model.run(pixels, new long[] {batch.size(), 3, HEIGHT, planeWidth}, (values, shape) -> {
                int steps = (int) shape[1];
                int classes = (int) shape[2];
                var texts = new ArrayList<RecognizedText>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    texts.add(decoder.decode(values, i * steps * classes, steps, classes));
                }
                return texts;
            });
        } catch (OrtException e) {
            throw new ModelRunException(
                    "text recognition failed for " + batch.size() + " crops (input width " + planeWidth + "): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
