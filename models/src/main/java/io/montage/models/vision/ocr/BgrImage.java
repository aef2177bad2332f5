package io.montage.models.vision.ocr;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * 8-bit pixels, 3 bytes each in B, G, R order, rows packed without padding: the layout OpenCV's
 * {@code cv2.imread} gives PaddleOCR, so channel order and constants carry over unchanged.
 */
public record BgrImage(int width, int height, byte[] pixels) {

    public BgrImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image needs at least 1x1 pixels, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " BGR image has " + width * height * 3
                    + " bytes, got " + pixels.length);
        }
    }

    /** Copies any BufferedImage into BGR bytes (TYPE_3BYTE_BGR, as the FFmpeg decoder returns, is copied directly). */
    public static BgrImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer() instanceof DataBufferByte bytes
                && bytes.getNumBanks() == 1
                && bytes.getData().length == w * h * 3) {
            return new BgrImage(w, h, bytes.getData().clone());
        }
        BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return new BgrImage(w, h, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        return image;
    }

    /** Channel c (0 = B, 1 = G, 2 = R) of pixel (x, y), 0..255. */
    public int sample(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    public double aspectRatio() {
        return (double) width / height;
    }

    /** Turned a quarter counter-clockwise, as numpy's {@code np.rot90} turns PaddleOCR's tall crops. */
    public BgrImage rotatedCounterClockwise() {
        byte[] out = new byte[pixels.length];
        int outWidth = height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int outX = y;
                int outY = width - 1 - x;
                System.arraycopy(pixels, (y * width + x) * 3, out, (outY * outWidth + outX) * 3, 3);
            }
        }
        return new BgrImage(outWidth, width, out);
    }

    public BgrImage rotated180() {
        byte[] out = new byte[pixels.length];
        int count = width * height;
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, i * 3, out, (count - 1 - i) * 3, 3);
        }
        return new BgrImage(width, height, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BgrImage b && b.width == width && b.height == height && Arrays.equals(b.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return (width * 31 + height) * 31 + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "BgrImage[" + width + "x" + height + "]";
    }
}
