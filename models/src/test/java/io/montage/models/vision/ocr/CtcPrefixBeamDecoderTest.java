package io.montage.models.vision.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtcPrefixBeamDecoderTest {

    /** Classes: 0 blank, 1 'a', 2 'b', 3 'c', 4 space. */
    private static final CharacterDictionary DICTIONARY = new CharacterDictionary(List.of("a", "b", "c"));

    private final CtcPrefixBeamDecoder beam = new CtcPrefixBeamDecoder(DICTIONARY, 10);
    private final CtcGreedyDecoder bestPath = new CtcGreedyDecoder(DICTIONARY);

    /** One row of 5 class probabilities per step. */
    private static FloatBuffer steps(float[]... rows) {
        float[] values = new float[rows.length * 5];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, values, t * 5, 5);
        }
        return FloatBuffer.wrap(values);
    }

    private static final float[] A = {0.05f, 0.9f, 0.02f, 0.02f, 0.01f};
    private static final float[] B = {0.05f, 0.02f, 0.9f, 0.02f, 0.01f};
    private static final float[] BLANK = {0.96f, 0.01f, 0.01f, 0.01f, 0.01f};
    /** A word gap as PP-OCRv4 draws it: the blank wins each step, the space comes second. */
    private static final float[] GAP = {0.6f, 0.0f, 0.0f, 0.0f, 0.4f};

    @Test
    void aGapWhereTheBlankWinsEachStepButTheSpaceWinsOverBothIsASpace() {
        FloatBuffer gap = steps(A, GAP, GAP, B);
        // best path: blank, blank (0.36) — the text with the space sums 0.4·0.4 + 0.4·0.6 + 0.6·0.4 = 0.64
        assertEquals("ab", bestPath.decode(gap, 0, 4, 5).text());
        RecognizedText read = beam.decode(gap, 0, 4, 5);
        assertEquals("a b", read.text());
        assertEquals(
                bestPath.decode(gap, 0, 4, 5).confidence(),
                read.confidence(),
                1e-9,
                "the confidence is the best path's, which drop_score is set against");
    }

    @Test
    void aOneStepGapWhereTheBlankWinsStaysClosed() {
        assertEquals("ab", beam.decode(steps(A, GAP, B), 0, 3, 5).text());
    }

    @Test
    void repeatsMergeUnlessABlankSeparatesThem() {
        assertEquals("a", beam.decode(steps(A, A, A), 0, 3, 5).text());
        assertEquals("aa", beam.decode(steps(A, BLANK, A), 0, 3, 5).text());
        assertEquals("ab", beam.decode(steps(A, A, B, B), 0, 4, 5).text());
    }

    @Test
    void onlyBlanksDecodeToEmptyText() {
        assertEquals(RecognizedText.EMPTY, beam.decode(steps(BLANK, BLANK), 0, 2, 5));
    }

    @Test
    void decodesTheRequestedItemOfABatch() {
        FloatBuffer batch = steps(A, A, B, B);
        assertEquals("b", beam.decode(batch, 10, 2, 5).text());
    }

    @Test
    void widthOneIsTheBestPathAndZeroIsRefused() {
        assertInstanceOf(CtcGreedyDecoder.class, CtcDecoder.of(DICTIONARY, 1));
        assertInstanceOf(CtcPrefixBeamDecoder.class, CtcDecoder.of(DICTIONARY, 2));
        assertThrows(IllegalArgumentException.class, () -> new CtcPrefixBeamDecoder(DICTIONARY, 0));
    }
}
