package io.montage.models.vision.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The hard OCR set: {@value #IMAGES} 640×480 images from one seed, harder than {@link RenderedTextSet} in every way a
 * photo of a sign or a screenshot passed around is: small type (15–26 px), the text block turned by up to ±8°, a
 * Gaussian blur (σ 0.6–1.4 px), per-pixel Gaussian noise (σ 4–12 levels), JPEG at quality 30, and low-contrast
 * colours (dark text on mid grey, grey on white, light on grey, blue on grey-blue, and plain dark on light). Each image
 * has 4 lines: two sign-like phrases with numbers and punctuation, a line of random words and a line of codes and
 * figures.
 */
final class DegradedTextSet {

    static final int IMAGES = 24;
    static final long SEED = 20261202L;
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int JPEG_QUALITY = 30;
    private static final int MARGIN = 70;

    /** One image's recipe, printed with its misses. */
    record Recipe(String font, int size, double degrees, Palette palette, double blurSigma, double noiseSigma) {

        @Override
        public String toString() {
            return String.format(
                    "%s %dpx %+.1f° %s blur %.1f noise %.0f", font, size, degrees, palette, blurSigma, noiseSigma);
        }
    }

    /** Paper and ink, every one of them lower in contrast than black on white except the last. */
    enum Palette {
        DARK_ON_GREY(new Color(150, 150, 150), new Color(50, 50, 50)),
        GREY_ON_WHITE(new Color(235, 235, 230), new Color(130, 130, 130)),
        LIGHT_ON_GREY(new Color(95, 95, 100), new Color(200, 200, 195)),
        BLUE_ON_GREY_BLUE(new Color(175, 185, 200), new Color(40, 60, 120)),
        DARK_ON_LIGHT(new Color(225, 222, 215), new Color(35, 35, 40));

        final Color paper;
        final Color ink;

        Palette(Color paper, Color ink) {
            this.paper = paper;
            this.ink = ink;
        }
    }

    /** An image of the set and the lines drawn on it, top to bottom. */
    record Sample(String name, BufferedImage image, List<String> lines, Recipe recipe) {

        String reference() {
            return String.join("\n", lines);
        }
    }

    private static final String[] FONTS = {
        "SansSerif", "Serif", "Monospaced", "SansSerif-bold", "Serif-bold", "Monospaced-bold"
    };
    private static final String[] PHRASES = {
        "Call 555-0199 for rooms",
        "Open daily 08:00-18:00",
        "Room 214, second floor",
        "Tickets from $12.50",
        "Next train in 7 min",
        "No parking after 6 pm",
        "Free Wi-Fi: guest2024",
        "Gate B12 closes at 14:45",
        "Fresh bread every morning",
        "Sale ends Sunday!",
        "Order #48213 shipped",
        "Keep this door closed",
        "Lift out of order",
        "Press button to cross",
        "Total due: 86.40 EUR",
        "Visit us at booth 31",
        "Emergency exit only",
        "Wet floor, take care",
        "Best before 12/08/2026",
        "Platform 3 (north side)",
        "Staff only beyond this point",
        "Back in 10 minutes",
        "Please take a number",
        "Max. load 450 kg"
    };
    private static final String[] WORDS = {
        "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "stream", "image", "text", "model", "river", "garden",
        "window", "market", "silver", "planet", "yellow", "orange", "camera", "station", "ticket", "coffee", "morning",
        "evening", "summer", "winter", "letter", "number", "signal", "forest", "bridge", "castle", "doctor", "engine",
        "family", "harbor", "island", "jacket", "kitchen", "ladder", "mirror", "notice", "office", "pencil", "rocket"
    };

    private DegradedTextSet() {}

    static List<Sample> generate() {
        return generate(SEED);
    }

    /** The same recipe from another seed: a development set for choosing settings without looking at this one. */
    static List<Sample> generate(long seed) {
        Random random = new Random(seed);
        var set = new ArrayList<Sample>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            String font = FONTS[i % FONTS.length];
            int size = 15 + random.nextInt(12);
            double degrees = -8 + 16 * random.nextDouble();
            Palette palette = Palette.values()[i % Palette.values().length];
            double blur = 0.6 + 0.8 * random.nextDouble();
            double noise = 4 + 8 * random.nextDouble();
            Recipe recipe = new Recipe(font, size, degrees, palette, blur, noise);
            List<String> lines = List.of(
                    fit(List.of(PHRASES[random.nextInt(PHRASES.length)].split(" ")), font, size),
                    fit(words(random), font, size),
                    fit(List.of(PHRASES[random.nextInt(PHRASES.length)].split(" ")), font, size),
                    fit(codes(random), font, size));
            set.add(new Sample("hard-" + i, draw(lines, recipe, new Random(seed * 31 + i)), lines, recipe));
        }
        return set;
    }

    private static BufferedImage draw(List<String> lines, Recipe recipe, Random random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(recipe.palette().paper);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setFont(font(recipe.font(), recipe.size()));
            FontMetrics metrics = g.getFontMetrics();
            int pitch = (int) Math.round(recipe.size() * 2.2);
            int blockHeight = pitch * (lines.size() - 1) + metrics.getAscent() + metrics.getDescent();
            int top = (HEIGHT - blockHeight) / 2;
            // turn the text block about its own centre, so that its corners stay inside the image
            g.rotate(Math.toRadians(recipe.degrees()), WIDTH / 2.0, top + blockHeight / 2.0);
            g.setColor(recipe.palette().ink);
            int baseline = top + metrics.getAscent();
            for (String line : lines) {
                g.drawString(line, MARGIN, baseline);
                baseline += pitch;
            }
        } finally {
            g.dispose();
        }
        BufferedImage blurred = blur(image, recipe.blurSigma());
        addNoise(blurred, recipe.noiseSigma(), random);
        return jpegRoundTrip(blurred, JPEG_QUALITY);
    }

    /** A separable Gaussian blur with the JDK's ConvolveOp, the kernel reaching 3σ; the paper margin hides the unblurred edge. */
    private static BufferedImage blur(BufferedImage image, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] weights = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += weights[i + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        var across = new ConvolveOp(new Kernel(weights.length, 1, weights), ConvolveOp.EDGE_NO_OP, null);
        var down = new ConvolveOp(new Kernel(1, weights.length, weights), ConvolveOp.EDGE_NO_OP, null);
        BufferedImage once = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage twice = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        across.filter(image, once);
        down.filter(once, twice);
        return twice;
    }

    private static void addNoise(BufferedImage image, double sigma, Random random) {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int value = (pixels[i] & 0xFF) + (int) Math.round(random.nextGaussian() * sigma);
            pixels[i] = (byte) Math.max(0, Math.min(255, value));
        }
    }

    /** Encodes with the JDK's JPEG writer at {@code quality} (0–100) and decodes the result again. */
    static BufferedImage jpegRoundTrip(BufferedImage image, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var bytes = new ByteArrayOutputStream();
        try (var output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding of a test image failed", e);
        } finally {
            writer.dispose();
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding of a test image failed", e);
        }
    }

    private static Font font(String name, int size) {
        String[] parts = name.split("-");
        return new Font(parts[0], parts.length > 1 && parts[1].equals("bold") ? Font.BOLD : Font.PLAIN, size);
    }

    private static List<String> words(Random random) {
        var words = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return words;
    }

    private static List<String> codes(Random random) {
        return List.of(
                "Ref " + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900)),
                (10 + random.nextInt(90)) + "." + (10 + random.nextInt(90)) + "%",
                "+" + (1 + random.nextInt(99)) + " " + (1000 + random.nextInt(9000)) + "-"
                        + (100 + random.nextInt(900)),
                String.valueOf(random.nextInt(1_000_000)));
    }

    /** As many leading tokens as fit inside the margins (at least one). */
    private static String fit(List<String> tokens, String font, int size) {
        String line = tokens.get(0);
        for (String token : tokens.subList(1, tokens.size())) {
            String longer = line + " " + token;
            if (RenderedText.textWidth(font, size, longer) > WIDTH - 2 * MARGIN) {
                break;
            }
            line = longer;
        }
        return line;
    }
}
