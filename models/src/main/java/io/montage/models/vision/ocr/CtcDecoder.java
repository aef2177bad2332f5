package io.montage.models.vision.ocr;

import java.nio.FloatBuffer;

/** Turns the recogniser's per-step class probabilities into text: best path, or prefix beam search. */
sealed interface CtcDecoder permits CtcGreedyDecoder, CtcPrefixBeamDecoder {

    /** Decodes one item of a [B, T, C] softmax output, starting at {@code offset}. */
    RecognizedText decode(FloatBuffer probabilities, int offset, int steps, int classes);

    /** Best path for a width of 1 (PaddleOCR's decoding), prefix beam search of that width above. */
    static CtcDecoder of(CharacterDictionary dictionary, int beamWidth) {
        return beamWidth == 1 ? new CtcGreedyDecoder(dictionary) : new CtcPrefixBeamDecoder(dictionary, beamWidth);
    }
}
