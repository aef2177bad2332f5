package io.montage.models.vision.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * An 8-bit RGB picture, interleaved row-major ({@code r,g,b,r,g,b,…}): the form Pillow resizes in.
 * Alpha is dropped without compositing, as Pillow's {@code convert("RGB")} (and so Hugging Face's
 * {@code do_convert_rgb}) does.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image needs at least 1x1 pixels, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "RGB data of " + rgb.length + " bytes does not fit " + width + "x" + height + "x3");
        }
    }

    /** Channel {@code c} (0 = R) of pixel ({@code x}, {@code y}) as 0..255. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /**
     * Copies the pixels of any {@link BufferedImage}. Byte-interleaved images (the decoder's
     * {@code TYPE_3BYTE_BGR}, {@code TYPE_4BYTE_ABGR}) and {@code TYPE_BYTE_GRAY} are read sample by
     * sample; {@code getRGB} is avoided for grey, because Java2D would convert its linear grey to sRGB
     * where Pillow copies the value into R, G and B.
     */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        Raster raster = image.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && buffer.getNumBanks() == 1) {
            int[] layout = interleavedLayout(image.getType(), model.getBandOffsets());
            if (layout != null) {
                copyInterleaved(buffer.getData(), buffer.getOffset(), model, layout, w, h, out);
                return new RgbImage(w, h, out);
            }
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int o = (y * w + x) * 3;
                out[o] = (byte) (argb >> 16);
                out[o + 1] = (byte) (argb >> 8);
                out[o + 2] = (byte) argb;
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Byte offsets of R, G and B inside a pixel, or null when the image is not a plain 8-bit layout. */
    private static int[] interleavedLayout(int type, int[] bandOffsets) {
        return switch (type) {
            // Bands are R, G, B(, A) whatever the byte order in memory.
            case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR ->
                new int[] {bandOffsets[0], bandOffsets[1], bandOffsets[2]};
            case BufferedImage.TYPE_BYTE_GRAY -> new int[] {bandOffsets[0], bandOffsets[0], bandOffsets[0]};
            default -> null;
        };
    }

    private static void copyInterleaved(
            byte[] data, int start, ComponentSampleModel model, int[] rgbOffsets, int w, int h, byte[] out) {
        int pixelStride = model.getPixelStride();
        int scanlineStride = model.getScanlineStride();
        for (int y = 0; y < h; y++) {
            int in = start + y * scanlineStride;
            int o = y * w * 3;
            for (int x = 0; x < w; x++, in += pixelStride, o += 3) {
                out[o] = data[in + rgbOffsets[0]];
                out[o + 1] = data[in + rgbOffsets[1]];
                out[o + 2] = data[in + rgbOffsets[2]];
            }
        }
    }
}
