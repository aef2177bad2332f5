package io.montage.models.vision.ocr;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CTC prefix beam search: the most probable text summed over all its alignments, where best-path decoding
 * ({@link CtcGreedyDecoder}, PaddleOCR's) takes the single most probable alignment. The two differ most at the gaps
 * between words: PP-OCRv4 spreads a word gap over one or two steps where the space class gets 0.3–0.45 and the blank
 * the rest, so the best path is all blanks and the words run together, while the text with the space is the more
 * probable one (two steps at 0.4 give the space 1 − 0.6² = 0.64 against 0.36). Written here, as the best-path
 * decoder is: none of the project's libraries decodes CTC, and the search is short and tested on its own. The algorithm
 * is the standard one (Hannun et al., "First-Pass Large Vocabulary Continuous Speech Recognition using
 * Bi-Directional Recurrent DNNs", 2014), without a language model.
 *
 * <p>Each prefix keeps two probabilities, ending in a blank and ending in its last character, so that a repeated
 * character is only counted twice where a blank separates the two. Per step only characters with probability of at
 * least {@value #MIN_PROBABILITY} extend a prefix, and the {@code beamWidth} most probable prefixes survive. The
 * confidence is the best path's (the mean of its kept steps' probabilities), the figure PaddleOCR's drop_score was set
 * against.
 */
final class CtcPrefixBeamDecoder implements CtcDecoder {

    /** Characters less probable than this at a step extend no prefix there (they could not win a beam). */
    static final double MIN_PROBABILITY = 1e-3;

    private final CharacterDictionary dictionary;
    private final CtcGreedyDecoder bestPath;
    private final int beamWidth;

    CtcPrefixBeamDecoder(CharacterDictionary dictionary, int beamWidth) {
        if (beamWidth < 1) {
            throw new IllegalArgumentException("the beam width must be at least 1, got " + beamWidth);
        }
        this.dictionary = dictionary;
        this.bestPath = new CtcGreedyDecoder(dictionary);
        this.beamWidth = beamWidth;
    }

    /** A prefix's probability of ending in a blank and of ending in its last character, at the current step. */
    private static final class Ending {
        double blank;
        double character;

        double total() {
            return blank + character;
        }
    }

    @Override
    public RecognizedText decode(FloatBuffer probabilities, int offset, int steps, int classes) {
        RecognizedText path = bestPath.decode(probabilities, offset, steps, classes);
        // a prefix is the string of its class indices, one char each (the dictionary has fewer than 65,536 classes)
        Map<String, Ending> beams = new HashMap<>();
        Ending empty = new Ending();
        empty.blank = 1;
        beams.put("", empty);
        var extensions = new ArrayList<Integer>();
        for (int t = 0; t < steps; t++) {
            int base = offset + t * classes;
            extensions.clear();
            for (int c = 1; c < classes; c++) {
                if (probabilities.get(base + c) >= MIN_PROBABILITY) {
                    extensions.add(c);
                }
            }
            double blank = probabilities.get(base + CharacterDictionary.BLANK);
            Map<String, Ending> next = new HashMap<>();
            for (Map.Entry<String, Ending> beam : beams.entrySet()) {
                String prefix = beam.getKey();
                Ending ending = beam.getValue();
                Ending same = next.computeIfAbsent(prefix, p -> new Ending());
                same.blank += ending.total() * blank;
                int last = prefix.isEmpty() ? -1 : prefix.charAt(prefix.length() - 1);
                if (last >= 0) {
                    same.character += ending.character * probabilities.get(base + last);
                }
                for (int c : extensions) {
                    double p = probabilities.get(base + c);
                    Ending extended = next.computeIfAbsent(prefix + (char) c, e -> new Ending());
                    // the same character again needs a blank between, or it merges into the last one
                    extended.character += (c == last ? ending.blank : ending.total()) * p;
                }
            }
            beams = strongest(next);
        }
        String best = strongest(beams).keySet().iterator().next();
        if (best.isEmpty()) {
            return RecognizedText.EMPTY;
        }
        var text = new StringBuilder();
        for (int i = 0; i < best.length(); i++) {
            text.append(dictionary.characterOf(best.charAt(i)));
        }
        return new RecognizedText(text.toString(), path.confidence());
    }

    /** The {@code beamWidth} most probable prefixes, most probable first, rescaled to sum to 1 (against underflow). */
    private Map<String, Ending> strongest(Map<String, Ending> candidates) {
        List<Map.Entry<String, Ending>> ranked = new ArrayList<>(candidates.entrySet());
        ranked.sort(Comparator.comparingDouble(
                        (Map.Entry<String, Ending> e) -> -e.getValue().total())
                .thenComparing(Map.Entry::getKey));
        List<Map.Entry<String, Ending>> kept = ranked.subList(0, Math.min(beamWidth, ranked.size()));
        double sum = kept.stream().mapToDouble(e -> e.getValue().total()).sum();
        Map<String, Ending> result = new LinkedHashMap<>();
        for (Map.Entry<String, Ending> e : kept) {
            Ending ending = e.getValue();
            if (sum > 0) {
                ending.blank /= sum;
                ending.character /= sum;
            }
            result.put(e.getKey(), ending);
        }
        return result;
    }
}
