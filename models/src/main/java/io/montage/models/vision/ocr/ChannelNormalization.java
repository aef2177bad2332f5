package io.montage.models.vision.ocr;

import java.nio.FloatBuffer;

/**
 * {@code (pixel / 255 - mean[c]) / std[c]} per channel, written planar (CHW) into a batch tensor. The
 * channels stay in BGR order, as PaddleOCR applies its constants to OpenCV's BGR arrays without
 * converting them (ppocr/data/imaug/operators.py NormalizeImage; the rec and cls normalisation in
 * tools/infer/predict_rec.py and predict_cls.py resize_norm_img).
 */
record ChannelNormalization(float[] mean, float[] std) {

    /** Det: ImageNet mean/std with scale 1/255, tools/infer/predict_det.py's NormalizeImage entry. */
    static final ChannelNormalization DETECTION =
            new ChannelNormalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    /** Rec and cls: {@code (x / 255 - 0.5) / 0.5}, tools/infer/predict_rec.py / predict_cls.py resize_norm_img. */
    static final ChannelNormalization SYMMETRIC =
            new ChannelNormalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    /**
     * Writes the image into item {@code item} of a [B, 3, planeHeight, planeWidth] buffer at its top-left;
     * the rest of each row stays as the buffer had it (zero: PaddleOCR pads rec/cls inputs with 0 after
     * normalising).
     */
    void writeChw(BgrImage image, FloatBuffer batch, int item, int planeHeight, int planeWidth) {
        if (image.width() > planeWidth || image.height() > planeHeight) {
            throw new IllegalArgumentException(image + " does not fit a " + planeWidth + "x" + planeHeight + " plane");
        }
        byte[] pixels = image.pixels();
        int plane = planeHeight * planeWidth;
        int itemOffset = item * 3 * plane;
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * std[c]);
            float shift = mean[c] / std[c];
            int channelOffset = itemOffset + c * plane;
            for (int y = 0; y < image.height(); y++) {
                int rowOffset = channelOffset + y * planeWidth;
                int source = y * image.width() * 3 + c;
                for (int x = 0; x < image.width(); x++) {
                    batch.put(rowOffset + x, (pixels[source + x * 3] & 0xFF) * scale - shift);
                }
            }
        }
    }
}
