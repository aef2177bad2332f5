package io.montage.models.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Copies a packed BGR24 frame into a {@code TYPE_3BYTE_BGR} image, row by row with the frame's own
 * stride. JavaCV's Java2DFrameConverter infers the channel count as stride ÷ width, which breaks
 * for narrow pictures whose rows FFmpeg pads for alignment (an 8-pixel-wide PNG: 24 bytes of
 * pixels in a 32- or 64-byte row): it then fails or asserts. Knowing the format, the copy is exact.
 */
final class BgrPicture {

    private static final int CHANNELS = 3;

    private BgrPicture() {}

    static BufferedImage copy(Frame frame) {
        int width = frame.imageWidth;
        int height = frame.imageHeight;
        int stride = frame.imageStride;
        if (frame.imageDepth != Frame.DEPTH_UBYTE || stride < width * CHANNELS) {
            throw new IllegalStateException("expected a packed 8-bit BGR frame, got depth " + frame.imageDepth
                    + ", stride " + stride + " for width " + width);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
        int rowBytes = width * CHANNELS;
        for (int y = 0; y < height; y++) {
            source.position(y * stride);
            source.get(pixels, y * rowBytes, rowBytes);
        }
        return image;
    }
}
