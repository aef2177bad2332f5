package io.montage.models.vision.preprocess;

import io.montage.models.catalog.ConfigConstants;
import java.util.Arrays;
import java.util.Map;

/**
 * What a Hugging Face image processor does to an image before the vision model sees it, as its
 * preprocessor_config.json says: convert to RGB, resize ({@code size}, {@code resample}), optionally
 * centre-crop ({@code crop_size}), rescale ({@code rescale_factor}) and normalise
 * ({@code image_mean}, {@code image_std}). A wrong constant here gives fluent garbage that no
 * random-weight test notices, so each preset names the file its numbers come from.
 *
 * @param resize       how {@code size} sets the resized dimensions
 * @param resample     Pillow filter used for the resize
 * @param centerCrop   {@code crop_size} when {@code do_center_crop} is true; null for no crop
 * @param rescaleFactor {@code rescale_factor}, applied to 0..255 values
 * @param mean         {@code image_mean} per RGB channel
 * @param std          {@code image_std} per RGB channel
 */
public record ImagePreprocessing(
        ResizeTarget resize, Resample resample, Size centerCrop, double rescaleFactor, float[] mean, float[] std) {

    /** Every processor below uses {@code rescale_factor} 1/255 = 0.00392156862745098. */
    private static final double ONE_OVER_255 = 1.0 / 255;

    /**
     * Xenova/clip-vit-base-patch32 preprocessor_config.json (CLIPImageProcessor, same as openai/clip-vit-base-patch32):
     * shortest_edge 224, resample 3, crop_size 224, OpenAI CLIP mean/std.
     */
    public static final ImagePreprocessing CLIP = new ImagePreprocessing(
            new ResizeTarget.ShortestEdge(224),
            Resample.BICUBIC,
            Size.square(224),
            ONE_OVER_255,
            new float[] {0.48145466f, 0.4578275f, 0.40821073f},
            new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    /**
     * microsoft/Florence-2-base-ft preprocessor_config.json (CLIPImageProcessor with do_center_crop false):
     * 768×768, resample 3, ImageNet mean/std.
     */
    public static final ImagePreprocessing FLORENCE_2 = new ImagePreprocessing(
            new ResizeTarget.Exact(Size.square(768)),
            Resample.BICUBIC,
            null,
            ONE_OVER_255,
            new float[] {0.485f, 0.456f, 0.406f},
            new float[] {0.229f, 0.224f, 0.225f});

    /**
     * Xenova/vit-gpt2-image-captioning preprocessor_config.json (ViTFeatureExtractor): 224×224 without crop,
     * resample 2 (bilinear, not bicubic), mean/std 0.5 so pixels land in [-1, 1].
     */
    public static final ImagePreprocessing VIT_GPT2 = new ImagePreprocessing(
            new ResizeTarget.Exact(Size.square(224)),
            Resample.BILINEAR,
            null,
            ONE_OVER_255,
            new float[] {0.5f, 0.5f, 0.5f},
            new float[] {0.5f, 0.5f, 0.5f});

    /** The preprocessor_config.json keys these constants come from, for {@code ConfigConstants.require}. */
    public Map<String, double[]> configConstants() {
        return Map.of(
                "image_mean",
                ConfigConstants.of(mean),
                "image_std",
                ConfigConstants.of(std),
                "rescale_factor",
                ConfigConstants.of(rescaleFactor),
                "resample",
                ConfigConstants.of(resample.pilCode()));
    }

    public ImagePreprocessing {
        if (resize == null || resample == null) {
            throw new IllegalArgumentException("resize and resample are required");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException(
                    "image_mean and image_std need 3 values (R, G, B), got " + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("image_std values must be > 0, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** The tensor's height and width for an input of {@code width}×{@code height}. */
    public Size outputSizeFor(int width, int height) {
        return centerCrop != null ? centerCrop : resize.sizeFor(width, height);
    }

    public ImagePreprocessing withResize(ResizeTarget target) {
        return new ImagePreprocessing(target, resample, centerCrop, rescaleFactor, mean, std);
    }

    public ImagePreprocessing withCenterCrop(Size crop) {
        return new ImagePreprocessing(resize, resample, crop, rescaleFactor, mean, std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePreprocessing p
                && p.resize.equals(resize)
                && p.resample == resample
                && java.util.Objects.equals(p.centerCrop, centerCrop)
                && p.rescaleFactor == rescaleFactor
                && Arrays.equals(p.mean, mean)
                && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                resize, resample, centerCrop, rescaleFactor, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "ImagePreprocessing[resize=" + resize + ", resample=" + resample + ", centerCrop=" + centerCrop
                + ", rescale=" + rescaleFactor + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + "]";
    }
}
