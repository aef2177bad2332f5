package io.montage.models.vision.hash;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Copies of a picture as re-uploads make them: resized, recompressed, mirrored; shared by the match
 * stage's topology and end-to-end tests (through this module's test jar).
 */
public final class ReEncodedCopies {

    private ReEncodedCopies() {}

    /** A left–right mirror of the picture, saved as JPEG quality 0.9. */
    public static byte[] mirroredJpeg(Path picture) throws IOException {
        BufferedImage in = ImageIO.read(picture.toFile());
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(in, in.getWidth(), 0, -in.getWidth(), in.getHeight(), null);
        g.dispose();
        return jpeg(out, 0.9f);
    }

    /** What a re-upload does: scaled by {@code scale} (bicubic), then JPEG at {@code quality}. */
    public static byte[] resizedJpeg(Path picture, double scale, float quality) throws IOException {
        BufferedImage in = ImageIO.read(picture.toFile());
        int width = (int) Math.round(in.getWidth() * scale);
        int height = (int) Math.round(in.getHeight() * scale);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, width, height, null);
        g.dispose();
        return jpeg(out, quality);
    }

    private static byte[] jpeg(BufferedImage out, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(out, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
