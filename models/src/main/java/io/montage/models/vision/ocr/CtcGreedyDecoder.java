package io.montage.models.vision.ocr;

import java.nio.FloatBuffer;

/**
 * Best-path CTC decoding as PaddleOCR's {@code BaseRecLabelDecode.decode} does it
 * (ppocr/postprocess/rec_postprocess.py): take each step's most probable class, merge runs of the same
 * class, drop blanks; the confidence is the mean of the kept steps' probabilities (0 when none is kept).
 */
final class CtcGreedyDecoder implements CtcDecoder {

    private final CharacterDictionary dictionary;

    CtcGreedyDecoder(CharacterDictionary dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    public RecognizedText decode(FloatBuffer probabilities, int offset, int steps, int classes) {
        if (classes != dictionary.size()) {
            throw new IllegalStateException("the recognition model scores " + classes
                    + " classes but the character file gives " + dictionary.size()
                    + " (blank + characters + space); the model and its ppocr_keys file do not belong together");
        }
        var text = new StringBuilder();
        double confidenceSum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * classes;
            int best = 0;
            float bestProbability = probabilities.get(base);
            for (int c = 1; c < classes; c++) {
                float p = probabilities.get(base + c);
                if (p > bestProbability) {
                    bestProbability = p;
                    best = c;
                }
            }
            if (best != CharacterDictionary.BLANK && best != previous) {
                text.append(dictionary.characterOf(best));
                confidenceSum += bestProbability;
                kept++;
            }
            previous = best;
        }
        return kept == 0 ? RecognizedText.EMPTY : new RecognizedText(text.toString(), confidenceSum / kept);
    }
}
