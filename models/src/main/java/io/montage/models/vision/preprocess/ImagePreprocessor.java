package io.montage.models.vision.preprocess;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded image into {@link PixelValues} following an {@link ImagePreprocessing}, in Hugging
 * Face's order: RGB, Pillow resize, centre crop (zero padding where the crop is larger than the image,
 * as {@code transformers.image_transforms.center_crop} pads), rescale, normalise. Thread-safe.
 */
public final class ImagePreprocessor {

    private final ImagePreprocessing settings;

    public ImagePreprocessor(ImagePreprocessing settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    public ImagePreprocessing settings() {
        return settings;
    }

    public PixelValues preprocess(BufferedImage image) {
        return preprocess(RgbImage.of(image));
    }

    public PixelValues preprocess(RgbImage image) {
        Size resized = settings.resize().sizeFor(image.width(), image.height());
        RgbImage scaled = PillowResampler.resize(image, resized.width(), resized.height(), settings.resample());
        Size out = settings.outputSizeFor(image.width(), image.height());
        // HF: top = (orig_h - crop_h) // 2 with Python's floor division; negative means the image is padded.
        int top = Math.floorDiv(scaled.height() - out.height(), 2);
        int left = Math.floorDiv(scaled.width() - out.width(), 2);
        return normalise(scaled, out, top, left);
    }

    private PixelValues normalise(RgbImage scaled, Size out, int top, int left) {
        int plane = out.width() * out.height();
        float[] chw = new float[3 * plane];
        float[] mean = settings.mean();
        float[] std = settings.std();
        double rescale = settings.rescaleFactor();
        for (int c = 0; c < 3; c++) {
            // Rescale in double then round to float32, then subtract and divide in float32: numpy's order in HF.
            float[] lookup = new float[256];
            for (int v = 0; v < 256; v++) {
                lookup[v] = ((float) (v * rescale) - mean[c]) / std[c];
            }
            float padding = (0f - mean[c]) / std[c];
            for (int y = 0; y < out.height(); y++) {
                int sy = y + top;
                for (int x = 0; x < out.width(); x++) {
                    int sx = x + left;
                    boolean inside = sy >= 0 && sy < scaled.height() && sx >= 0 && sx < scaled.width();
                    chw[c * plane + y * out.width() + x] = inside ? lookup[scaled.sample(sx, sy, c)] : padding;
                }
            }
        }
        return new PixelValues(3, out.height(), out.width(), chw);
    }
}
