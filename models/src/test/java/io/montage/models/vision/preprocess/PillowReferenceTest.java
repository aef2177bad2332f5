package io.montage.models.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Montage's preprocessing gives the pixel tensors that Hugging Face's image processors (Pillow resize,
 * numpy crop/normalise) give, as computed independently by models/tools/pixel_reference.py.
 */
class PillowReferenceTest {

    /** The bound; a one-grey-level error after normalisation is already ~0.015. */
    private static final double TOLERANCE = 1e-3;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "photo-720x480.png, clip", // downscale 2.1x, wide, crop of the long side
        "portrait-rgba-260x410.png, clip", // alpha channel dropped, tall
        "gray-97x61.png, clip", // greyscale, upscale 3.7x, odd sides
        "palette-257x229.png, clip", // palette PNG, slight downscale
        "photo-720x480.png, vit-gpt2", // exact 224x224 bilinear, aspect squashed, mean/std 0.5
        "gray-97x61.png, vit-gpt2", // bilinear upscale
        "photo-720x480.png, imagenet-96x80", // Florence-2's rule (exact bicubic, ImageNet) at a committable size
    })
    void matchesTheIndependentPillowNumpyReference(String image, String preset) throws Exception {
        ImagePreprocessing settings =
                switch (preset) {
                    case "clip" -> ImagePreprocessing.CLIP;
                    case "vit-gpt2" -> ImagePreprocessing.VIT_GPT2;
                    case "imagenet-96x80" ->
                        ImagePreprocessing.FLORENCE_2.withResize(new ResizeTarget.Exact(new Size(96, 80)));
                    default -> throw new IllegalArgumentException(preset);
                };
        float[] expected = PixelFixtures.tensor(image.replace(".png", "." + preset + ".f32"));

        PixelValues actual = new ImagePreprocessor(settings).preprocess(PixelFixtures.image(image));

        assertThat(actual.length()).isEqualTo(expected.length);
        double maxDiff = 0;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual.chw()[i] - expected[i]);
            if (diff > maxDiff) {
                maxDiff = diff;
                worst = i;
            }
        }
        System.out.printf("preprocessing %s/%s: max abs diff %.2e vs the Pillow reference%n", image, preset, maxDiff);
        assertThat(maxDiff)
                .as(
                        "max abs diff at index %d (c,y,x = %d,%d,%d) of %s",
                        worst,
                        worst / (actual.height() * actual.width()),
                        worst / actual.width() % actual.height(),
                        worst % actual.width(),
                        image)
                .isLessThanOrEqualTo(TOLERANCE);
    }
}
