package io.montage.models.vision.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test images with known text, drawn with Java2D: each line's reference string and where its ink box
 * landed (4 corners, clockwise from the top-left, after the image's rotation).
 */
public record RenderedText(
        String name, BufferedImage image, List<String> lines, List<List<Point>> lineBoxes, Style style) {

    /** The knobs one image was drawn with, reported per category. */
    public record Style(String font, int size, Background background, double degrees) {}

    public enum Background {
        DARK_ON_LIGHT,
        LIGHT_ON_DARK,
        COLOURED,
        GRADIENT,
        NOISY
    }

    public String reference() {
        return String.join("\n", lines);
    }

    /** Draws {@code lines} from the top-left margin down, one font, rotated by {@code degrees} about the image centre. */
    public static RenderedText draw(String name, int width, int height, List<String> lines, Style style, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            Random random = new Random(seed);
            Color ink = paintBackground(g, image, style.background(), random);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            String[] fontParts = style.font().split("-");
            int fontStyle = fontParts.length > 1 && fontParts[1].equals("bold") ? Font.BOLD : Font.PLAIN;
            g.setFont(new Font(fontParts[0], fontStyle, style.size()));
            AffineTransform rotation =
                    AffineTransform.getRotateInstance(Math.toRadians(style.degrees()), width / 2.0, height / 2.0);
            g.transform(rotation);
            g.setColor(ink);
            FontMetrics metrics = g.getFontMetrics();
            int lineHeight = (int) Math.round(style.size() * 1.9);
            int x = 40;
            int baseline = 40 + metrics.getAscent();
            var boxes = new ArrayList<List<Point>>();
            for (String line : lines) {
                g.drawString(line, x, baseline);
                var ink2d = g.getFont()
                        .createGlyphVector(g.getFontRenderContext(), line)
                        .getVisualBounds();
                double left = x + ink2d.getMinX();
                double right = x + ink2d.getMaxX();
                double top = baseline + ink2d.getMinY();
                double bottom = baseline + ink2d.getMaxY();
                boxes.add(List.of(
                        turn(rotation, left, top),
                        turn(rotation, right, top),
                        turn(rotation, right, bottom),
                        turn(rotation, left, bottom)));
                baseline += lineHeight;
            }
            return new RenderedText(name, image, List.copyOf(lines), boxes, style);
        } finally {
            g.dispose();
        }
    }

    /** The widest line that fits a width in the font: used to cut generated lines to the image. */
    public static int textWidth(String font, int size, String text) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scratch.createGraphics();
        try {
            String[] parts = font.split("-");
            g.setFont(new Font(parts[0], parts.length > 1 && parts[1].equals("bold") ? Font.BOLD : Font.PLAIN, size));
            return g.getFontMetrics().stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    private static Point turn(AffineTransform rotation, double x, double y) {
        Point2D p = rotation.transform(new Point2D.Double(x, y), null);
        return new Point(p.getX(), p.getY());
    }

    private static Color paintBackground(Graphics2D g, BufferedImage image, Background background, Random random) {
        int w = image.getWidth();
        int h = image.getHeight();
        switch (background) {
            case DARK_ON_LIGHT -> {
                g.setColor(new Color(245, 245, 240));
                g.fillRect(0, 0, w, h);
                return new Color(20, 20, 25);
            }
            case LIGHT_ON_DARK -> {
                g.setColor(new Color(25, 30, 45));
                g.fillRect(0, 0, w, h);
                return new Color(240, 240, 230);
            }
            case COLOURED -> {
                g.setColor(new Color(255, 236, 160));
                g.fillRect(0, 0, w, h);
                return new Color(170, 20, 40);
            }
            case GRADIENT -> {
                g.setPaint(new GradientPaint(0, 0, new Color(200, 225, 255), w, h, new Color(255, 255, 255)));
                g.fillRect(0, 0, w, h);
                return new Color(10, 40, 110);
            }
            case NOISY -> {
                g.setColor(new Color(225, 225, 225));
                g.fillRect(0, 0, w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int grey = 200 + random.nextInt(56);
                        image.setRGB(x, y, grey << 16 | grey << 8 | grey);
                    }
                }
                return new Color(30, 30, 30);
            }
            default -> throw new IllegalArgumentException(background.name());
        }
    }
}
