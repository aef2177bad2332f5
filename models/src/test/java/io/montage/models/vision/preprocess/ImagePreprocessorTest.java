package io.montage.models.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    @Test
    void shortestEdgeTruncatesTheLongSideAsHuggingFaceDoes() {
        var rule = new ResizeTarget.ShortestEdge(224);
        assertThat(rule.sizeFor(1920, 1080)).isEqualTo(new Size(398, 224)); // 398.2
        assertThat(rule.sizeFor(1080, 1920)).isEqualTo(new Size(224, 398));
        assertThat(rule.sizeFor(97, 61)).isEqualTo(new Size(356, 224)); // 356.19
        assertThat(rule.sizeFor(300, 300)).isEqualTo(new Size(224, 224));
    }

    @Test
    void clipPresetGivesA224SquareTensorForAnyAspectRatio() {
        var preprocessor = new ImagePreprocessor(ImagePreprocessing.CLIP);
        for (int[] wh : new int[][] {{1920, 1080}, {50, 700}, {224, 224}, {1, 1}}) {
            PixelValues pixels = preprocessor.preprocess(solid(wh[0], wh[1], new Color(200, 100, 50)));
            assertThat(pixels.height()).isEqualTo(224);
            assertThat(pixels.width()).isEqualTo(224);
            assertThat(pixels.chw()).hasSize(3 * 224 * 224);
        }
    }

    @Test
    void solidColourNormalisesWithThePresetsMeanAndStdPerChannel() {
        PixelValues pixels =
                new ImagePreprocessor(ImagePreprocessing.CLIP).preprocess(solid(640, 480, new Color(255, 128, 0)));
        int plane = 224 * 224;
        assertThat(pixels.chw()[0]).isCloseTo((1f - 0.48145466f) / 0.26862954f, within(1e-6f));
        assertThat(pixels.chw()[plane + 5000]).isCloseTo((128 / 255f - 0.4578275f) / 0.26130258f, within(1e-6f));
        assertThat(pixels.chw()[2 * plane + plane - 1]).isCloseTo((0f - 0.40821073f) / 0.27577711f, within(1e-6f));
    }

    @Test
    void aCropLargerThanTheImagePadsWithZeroPixelsCentredAsHuggingFaceDoes() {
        var settings = new ImagePreprocessing(
                new ResizeTarget.Exact(new Size(5, 3)),
                Resample.BICUBIC,
                new Size(8, 6),
                1.0 / 255,
                new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
        PixelValues pixels = new ImagePreprocessor(settings).preprocess(solid(5, 3, Color.WHITE));
        // HF: top = (3 - 6) // 2 = -2, left = (5 - 8) // 2 = -2, so the image sits at rows 2..4, columns 2..6.
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                boolean image = y >= 2 && y < 5 && x >= 2 && x < 7;
                assertThat(pixels.chw()[y * 8 + x]).as("(%d,%d)", x, y).isEqualTo(image ? 1f : -1f);
            }
        }
    }

    @Test
    void greyImagesKeepTheirValuesInEveryChannelInsteadOfJava2dsGammaConversion() {
        var grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 100);
        RgbImage rgb = RgbImage.of(grey);
        assertThat(new int[] {rgb.sample(1, 1, 0), rgb.sample(1, 1, 1), rgb.sample(1, 1, 2)})
                .containsExactly(100, 100, 100);
    }

    @Test
    void bgrAndArgbImagesGiveTheSameRgbBytes() {
        var bgr = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        var argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        var abgr = new BufferedImage(3, 2, BufferedImage.TYPE_4BYTE_ABGR);
        int[] colours = {0xFF102030, 0x80405060, 0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0x00FFFFFF};
        for (int i = 0; i < colours.length; i++) {
            int rgb = colours[i] | 0xFF000000;
            bgr.setRGB(i % 3, i / 3, rgb);
            argb.setRGB(i % 3, i / 3, rgb);
            abgr.setRGB(i % 3, i / 3, rgb);
        }
        assertThat(RgbImage.of(bgr).rgb())
                .containsExactly(RgbImage.of(argb).rgb())
                .containsExactly(RgbImage.of(abgr).rgb());
        assertThat(RgbImage.of(bgr).sample(0, 0, 0)).isEqualTo(0x10);
        assertThat(RgbImage.of(bgr).sample(0, 0, 2)).isEqualTo(0x30);
    }

    @Test
    void downsamplingAntialiasesFinePatternsThatJava2dBicubicAliases() {
        // One-pixel black/white stripes: Pillow's widened filter averages them to mid grey.
        var stripes = new BufferedImage(1000, 10, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < 1000; x += 2) {
            for (int y = 0; y < 10; y++) {
                stripes.setRGB(x, y, 0xFFFFFF);
            }
        }
        RgbImage ours = PillowResampler.resize(RgbImage.of(stripes), 97, 10, Resample.BICUBIC);
        RgbImage java2d = RgbImage.of(java2dBicubic(stripes, 97, 10));
        int oursSpread = spread(ours);
        int java2dSpread = spread(java2d);
        assertThat(oursSpread).as("antialiased spread of grey levels").isLessThanOrEqualTo(4);
        assertThat(java2dSpread)
                .as("Java2D's bicubic keeps aliasing the stripes")
                .isGreaterThan(50);
    }

    @Test
    void unknownPillowFilterCodesAreRejectedWithTheSupportedOnes() {
        assertThat(Resample.fromPilCode(3)).isEqualTo(Resample.BICUBIC);
        assertThat(Resample.fromPilCode(2)).isEqualTo(Resample.BILINEAR);
        assertThatThrownBy(() -> Resample.fromPilCode(0)).hasMessageContaining("2 (BILINEAR)");
    }

    private static int spread(RgbImage image) {
        int min = 255;
        int max = 0;
        for (int x = 2; x < image.width() - 2; x++) {
            int v = image.sample(x, 5, 0);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    private static BufferedImage java2dBicubic(BufferedImage in, int w, int h) {
        var out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage solid(int w, int h, Color colour) {
        var image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
