package io.montage.models.vision.ocr;

import io.montage.models.vision.ocr.RenderedText.Background;
import io.montage.models.vision.ocr.RenderedText.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The OCR quality set: {@value #IMAGES} 640×480 images from one seed, each with a line of English words,
 * a line of digits (with the separators digits come with) and a line of punctuated text, drawn in the
 * JDK's logical fonts (Serif, SansSerif, Monospaced; plain and bold), 18–48 px, five backgrounds
 * (dark on light, light on dark, red on yellow, a gradient, per-pixel noise) and rotations of 0 and ±1.5–3°.
 */
public final class RenderedTextSet {

    public static final int IMAGES = 30;
    public static final long SEED = 20240501L;
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final int MARGIN = 40;

    private static final String[] FONTS = {
        "SansSerif", "Serif", "Monospaced", "SansSerif-bold", "Serif-bold", "Monospaced-bold"
    };
    private static final int[] SIZES = {18, 20, 24, 28, 32, 36, 40, 44, 48};
    private static final double[] DEGREES = {0, 0, -3, 3, -1.5, 1.5};
    private static final String[] WORDS = {
        "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "stream", "image", "text", "model", "river", "garden",
        "window", "market", "silver", "planet", "yellow", "orange", "camera", "station", "ticket", "coffee", "morning",
        "evening", "summer", "winter", "letter", "number", "signal", "forest", "bridge", "castle", "doctor", "engine",
        "family", "harbor", "island", "jacket", "kitchen", "ladder", "mirror", "notice", "office", "pencil", "rocket",
        "school", "table", "valley", "wonder", "Monday", "London", "Paris", "Kafka", "Java", "Open", "Sale", "Exit",
        "Welcome", "Total"
    };
    private static final String[] PUNCTUATED = {
        "Hello, world!",
        "Wait... what?",
        "(see page 12)",
        "Price: $4.99",
        "50% off today!",
        "e-mail me @ noon",
        "Don't stop;",
        "Q&A session",
        "\"quoted\" words",
        "yes/no",
        "A-B-C.",
        "Ready? Go!",
        "#1 choice",
        "10:30 a.m.",
        "[draft]",
        "x = y + 2"
    };

    private RenderedTextSet() {}

    public static List<RenderedText> generate() {
        return generate(SEED);
    }

    /** The same recipe from another seed: a development set for choosing settings without looking at the test set. */
    public static List<RenderedText> generate(long seed) {
        Random random = new Random(seed);
        var set = new ArrayList<RenderedText>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            String font = FONTS[i % FONTS.length];
            int size = SIZES[random.nextInt(SIZES.length)];
            Background background = Background.values()[i % Background.values().length];
            double degrees = DEGREES[random.nextInt(DEGREES.length)];
            List<String> lines = List.of(
                    fit(words(random), font, size),
                    fit(digits(random), font, size),
                    fit(punctuated(random), font, size));
            set.add(RenderedText.draw(
                    "image-" + i, WIDTH, HEIGHT, lines, new Style(font, size, background, degrees), seed + i));
        }
        return set;
    }

    private static List<String> words(Random random) {
        var words = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return words;
    }

    private static List<String> digits(Random random) {
        return List.of(
                "No. " + (1000 + random.nextInt(9000)),
                (10 + random.nextInt(90)) + "-" + (100 + random.nextInt(900)),
                "2024/" + (10 + random.nextInt(3)) + "/" + (10 + random.nextInt(19)),
                String.valueOf(random.nextInt(100_000)));
    }

    private static List<String> punctuated(Random random) {
        return List.of(PUNCTUATED[random.nextInt(PUNCTUATED.length)], PUNCTUATED[random.nextInt(PUNCTUATED.length)]);
    }

    /** As many leading tokens as fit inside the margins (at least one). */
    private static String fit(List<String> tokens, String font, int size) {
        String line = tokens.get(0);
        for (String token : tokens.subList(1, tokens.size())) {
            String longer = line + " " + token;
            if (RenderedText.textWidth(font, size, longer) > WIDTH - 2 * MARGIN - 20) {
                break;
            }
            line = longer;
        }
        return line;
    }
}
