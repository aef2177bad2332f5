package io.montage.tests.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The benchmark's pictures: one line of text each (OCR has work to do), or blank (it has none). */
final class BenchImages {

    private static final String[] LINES = {
        "OPEN 24 HOURS",
        "Summer sale 50% off",
        "Platform 9 departs 10:45",
        "No parking any time",
        "Fresh bread daily",
        "Exit only",
        "Gate B12 boarding",
        "Closed on Sundays"
    };

    private BenchImages() {}

    /** {@code count} 640x480 PNGs with one line of text each, the same for every run. */
    static List<byte[]> oneLine(int count) throws IOException {
        List<byte[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(245, 245, 240));
            g.fillRect(0, 0, 640, 480);
            g.setColor(new Color(20, 20, 30));
            g.setFont(new Font(i % 2 == 0 ? Font.SANS_SERIF : Font.SERIF, Font.BOLD, 40));
            g.drawString(LINES[i % LINES.length] + " " + i, 30, 200 + (i % 5) * 30);
            g.dispose();
            images.add(png(image));
        }
        return images;
    }

    /** A small plain picture: a caption model still takes its time on it, OCR finds nothing at once. */
    static byte[] blank(int seed) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed * 37 % 256, seed * 91 % 256, 200));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        return png(image);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
