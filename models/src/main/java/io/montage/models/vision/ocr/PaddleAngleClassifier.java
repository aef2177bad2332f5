package io.montage.models.vision.ocr;

import ai.onnxruntime.OrtException;
import io.montage.models.runtime.ModelRunException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PP-OCR's text-direction classifier ({@code ch_ppocr_mobile_v2.0_cls_infer.onnx}): each crop is resized
 * to height 48 keeping its aspect (at most 192 wide), normalised to [-1, 1], zero-padded to 192; a crop
 * whose label "180" scores above the threshold is turned upside down (tools/infer/predict_cls.py).
 */
final class PaddleAngleClassifier implements AutoCloseable {

    /** cls_image_shape "3, 48, 192" in tools/infer/utility.py. */
    static final int HEIGHT = 48;

    static final int WIDTH = 192;
    /** label_list ['0', '180'] in tools/infer/utility.py: class 1 is upside-down. */
    private static final int UPSIDE_DOWN = 1;

    private final ImageModelCall model;
    private final double threshold;
    private final int batchSize;

    PaddleAngleClassifier(ImageModelCall model, double threshold, int batchSize) {
        this.model = model;
        this.threshold = threshold;
        this.batchSize = batchSize;
    }

    /** The crops, each turned upright where the classifier is confident it is upside down. */
    List<BgrImage> upright(List<BgrImage> crops) {
        var result = new ArrayList<BgrImage>(crops);
        for (int start = 0; start < crops.size(); start += batchSize) {
            List<BgrImage> batch = crops.subList(start, Math.min(start + batchSize, crops.size()));
            boolean[] flip = upsideDown(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (flip[i]) {
                    result.set(start + i, batch.get(i).rotated180());
                }
            }
        }
        return result;
    }

    private boolean[] upsideDown(List<BgrImage> batch) {
        FloatBuffer pixels = FloatBuffer.allocate(batch.size() * 3 * HEIGHT * WIDTH);
        for (int i = 0; i < batch.size(); i++) {
            BgrImage crop = batch.get(i);
            int width = Math.min(WIDTH, (int) Math.ceil(HEIGHT * crop.aspectRatio()));
            ChannelNormalization.SYMMETRIC.writeChw(
                    BilinearResize.resize(crop, Math.max(1, width), HEIGHT), pixels, i, HEIGHT, WIDTH);
        }
        try {
            return model.run(pixels, new long[] {batch.size(), 3, HEIGHT, WIDTH}, (values, shape) -> {
                int classes = (int) shape[1];
                boolean[] flip = new boolean[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (values.get(i * classes + c) > values.get(i * classes + best)) {
                            best = c;
                        }
                    }
                    flip[i] = best == UPSIDE_DOWN && values.get(i * classes + best) > threshold;
                }
                return flip;
            });
        } catch (OrtException e) {
            throw new ModelRunException(
                    "text angle classification failed for " + batch.size() + " crops: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
