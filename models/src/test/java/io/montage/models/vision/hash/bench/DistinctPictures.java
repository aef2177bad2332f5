package io.montage.models.vision.hash.bench;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A set of distinct pictures for measuring hashes, made here from a seed so every run measures the
 * same set: five families that stress a hash differently (scenes with a horizon and objects, layered
 * shapes, text cards like screenshots and memes, fractal noise textures, and striped patterns), at
 * the aspect ratios uploads have, plus the photographs and renderings already among the test
 * resources.
 *
 * <p>Text is drawn with Java's logical sans-serif font, so a machine with other fonts installed
 * draws slightly different text cards; the other families are the same everywhere.
 */
public final class DistinctPictures {

    private static final int[][] SIZES = {{640, 480}, {480, 640}, {800, 450}, {512, 512}, {600, 400}};
    private static final int FAMILIES = 5;
    private static final String[] RESOURCES = {
        "/vision/photo-720x480.png",
        "/vision/portrait-rgba-260x410.png",
        "/vision/palette-257x229.png",
        "/media/image-320x240.png",
        "/media/unrelated-320x240.jpg",
        "/vision/pdq/q0122.jpg",
        "/vision/pdq/q0291.jpg",
        "/vision/pdq/q0746.jpg",
        "/vision/pdq/q1050.jpg",
        "/vision/pdq/q2821.jpg",
        "/vision/pdq/wee.jpg",
    };
    private static final String[] WORDS = {
        "montage", "upload", "breaking", "news", "sale", "today", "only", "free", "click", "here", "the",
        "best", "offer", "winter", "summer", "city", "music", "live", "photo", "share", "friends", "new",
    };

    private DistinctPictures() {}

    /** How many pictures come from the test resources; the rest are generated. */
    public static int fromResources() {
        return RESOURCES.length;
    }

    /**
     * Picture {@code index} of the set: the test resources first, then generated ones. Each is made
     * from {@code seed} and its index alone, so pictures can be made one at a time, in any order.
     */
    public static BufferedImage picture(int index, long seed) {
        if (index < RESOURCES.length) {
            return resource(RESOURCES[index]);
        }
        Random random = new Random(seed * 1_000_003L + index);
        int[] size = SIZES[random.nextInt(SIZES.length)];
        return generated((index - RESOURCES.length) % FAMILIES, size[0], size[1], random);
    }

    private static BufferedImage generated(int family, int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            switch (family) {
                case 0 -> scene(g, width, height, random);
                case 1 -> shapes(g, width, height, random);
                case 2 -> textCard(g, width, height, random);
                case 3 -> texture(image, random);
                default -> stripes(g, width, height, random);
            }
        } finally {
            g.dispose();
        }
        grain(image, random, 6);
        return image;
    }

    /** Sky, a ridge line, a sun and a few objects in front: the layout of an outdoor photo. */
    private static void scene(Graphics2D g, int w, int h, Random random) {
        int horizon = (int) (h * (0.3 + 0.4 * random.nextDouble()));
        g.setPaint(new GradientPaint(0, 0, colour(random), 0, horizon, colour(random)));
        g.fillRect(0, 0, w, horizon);
        g.setPaint(new GradientPaint(0, horizon, colour(random), 0, h, colour(random)));
        g.fillRect(0, horizon, w, h - horizon);
        g.setColor(colour(random));
        int r = (int) (Math.min(w, h) * (0.05 + 0.1 * random.nextDouble()));
        g.fillOval(random.nextInt(w), random.nextInt(Math.max(1, horizon)), r, r);
        Polygon ridge = new Polygon();
        ridge.addPoint(0, horizon);
        for (int x = 0; x <= w; x += w / 12) {
            ridge.addPoint(x, horizon - random.nextInt(Math.max(1, h / 4)));
        }
        ridge.addPoint(w, horizon);
        g.setColor(colour(random).darker());
        g.fillPolygon(ridge);
        for (int i = 0, n = 3 + random.nextInt(8); i < n; i++) {
            int ow = (int) (w * (0.03 + 0.15 * random.nextDouble()));
            int oh = (int) (h * (0.1 + 0.4 * random.nextDouble()));
            int x = random.nextInt(w);
            int y = horizon + random.nextInt(Math.max(1, h - horizon)) - oh / 2;
            g.setColor(colour(random));
            if (random.nextBoolean()) {
                g.fillRect(x, y, ow, oh);
            } else {
                g.fillOval(x, y, ow, oh);
            }
        }
    }

    private static void shapes(Graphics2D g, int w, int h, Random random) {
        g.setPaint(new GradientPaint(random.nextInt(w), 0, colour(random), random.nextInt(w), h, colour(random)));
        g.fillRect(0, 0, w, h);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.7f));
        for (int i = 0, n = 10 + random.nextInt(30); i < n; i++) {
            g.setColor(colour(random));
            int size = (int) (Math.min(w, h) * (0.04 + 0.35 * random.nextDouble()));
            int x = random.nextInt(w) - size / 2;
            int y = random.nextInt(h) - size / 2;
            switch (random.nextInt(4)) {
                case 0 -> g.fillOval(x, y, size, (int) (size * (0.5 + random.nextDouble())));
                case 1 -> g.fillRect(x, y, (int) (size * (0.5 + random.nextDouble())), size);
                case 2 -> {
                    g.setStroke(new BasicStroke(2 + random.nextInt(12)));
                    g.drawLine(x, y, x + size * (random.nextInt(5) - 2), y + size * (random.nextInt(5) - 2));
                }
                default ->
                    g.fillPolygon(
                            new int[] {x, x + size, x + random.nextInt(size + 1)},
                            new int[] {y + size, y + size, y},
                            3);
            }
        }
    }

    /** Lines of words at several sizes on a plain or graded background, like a screenshot or meme. */
    private static void textCard(Graphics2D g, int w, int h, Random random) {
        Color background = colour(random);
        g.setPaint(random.nextBoolean() ? background : new GradientPaint(0, 0, background, w, h, colour(random)));
        g.fillRect(0, 0, w, h);
        if (random.nextBoolean()) {
            g.setColor(colour(random));
            g.fillRect(random.nextInt(w / 2), random.nextInt(h / 2), w / 3, h / 3);
        }
        int y = 0;
        while (y < h) {
            int size = 14 + random.nextInt(h / 8);
            y += size + random.nextInt(size);
            g.setFont(new Font(Font.SANS_SERIF, random.nextBoolean() ? Font.BOLD : Font.PLAIN, size));
            g.setColor(
                    random.nextBoolean() ? Color.WHITE : colour(random).darker().darker());
            StringBuilder line = new StringBuilder();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            g.drawString(line.toString(), random.nextInt(w / 4), y);
        }
    }

    /** Fractal value noise under a two-colour palette: foliage, clouds, rock, fabric. */
    private static void texture(BufferedImage image, Random random) {
        int w = image.getWidth();
        int h = image.getHeight();
        int grid = 4 + random.nextInt(6);
        int octaves = 3 + random.nextInt(3);
        double[][][] lattices = new double[octaves][][];
        for (int o = 0; o < octaves; o++) {
            int cells = (grid << o) + 2;
            lattices[o] = new double[cells][cells];
            for (double[] row : lattices[o]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextDouble();
                }
            }
        }
        Color a = colour(random).darker();
        Color b = colour(random).brighter();
        int side = Math.max(w, h);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double value = 0;
                double weight = 0.5;
                for (int o = 0; o < octaves; o++) {
                    double scale = (double) (grid << o) / side;
                    value += weight * smooth(lattices[o], x * scale, y * scale);
                    weight /= 2;
                }
                // Stretched about the middle: summed octaves cluster near ½ and would look flat.
                double t = (value / (1 - weight * 2) - 0.5) * 3 + 0.5;
                pixels[y * w + x] = mix(a, b, Math.max(0, Math.min(1, t)));
            }
        }
    }

    /** Stripes at an angle over a gradient: strong single frequencies, the hardest case for a DCT hash. */
    private static void stripes(Graphics2D g, int w, int h, Random random) {
        g.setPaint(new GradientPaint(0, 0, colour(random), w, h, colour(random)));
        g.fillRect(0, 0, w, h);
        AffineTransform saved = g.getTransform();
        g.rotate(random.nextDouble() * Math.PI, w / 2.0, h / 2.0);
        int period = 10 + random.nextInt(60);
        g.setColor(colour(random));
        for (int x = -w; x < 2 * w; x += period) {
            g.fillRect(x, -h, period / 2, 3 * h);
        }
        g.setTransform(saved);
        g.setColor(colour(random));
        int size = Math.min(w, h) / 3;
        g.fillOval(random.nextInt(w - size), random.nextInt(h - size), size, size);
    }

    private static double smooth(double[][] lattice, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        double fx = fade(x - x0);
        double fy = fade(y - y0);
        double top = lattice[y0][x0] * (1 - fx) + lattice[y0][x0 + 1] * fx;
        double bottom = lattice[y0 + 1][x0] * (1 - fx) + lattice[y0 + 1][x0 + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }

    /** Sensor-like noise, so no generated picture has perfectly flat areas. */
    private static void grain(BufferedImage image, Random random, int amplitude) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int rgb = pixels[i];
            int n = random.nextInt(2 * amplitude + 1) - amplitude;
            pixels[i] = (clamp(((rgb >> 16) & 0xFF) + n) << 16)
                    | (clamp(((rgb >> 8) & 0xFF) + n) << 8)
                    | clamp((rgb & 0xFF) + n);
        }
    }

    private static Color colour(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int mix(Color a, Color b, double t) {
        int r = (int) (a.getRed() + (b.getRed() - a.getRed()) * t);
        int gr = (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * t);
        int bl = (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * t);
        return (clamp(r) << 16) | (clamp(gr) << 8) | clamp(bl);
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static BufferedImage resource(String name) {
        try (InputStream in = DistinctPictures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedImage read = ImageIO.read(in);
            // One pixel layout for every picture, so the transformations treat them alike.
            BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.drawImage(read, 0, 0, null);
            } finally {
                g.dispose();
            }
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
