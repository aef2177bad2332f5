package io.montage.models.vision.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtcGreedyDecoderTest {

    /** Classes: 0 blank, 1 'a', 2 'b', 3 'c', 4 space. */
    private final CtcGreedyDecoder decoder = new CtcGreedyDecoder(new CharacterDictionary(List.of("a", "b", "c")));

    /** One step per entry: the class gets {@code p}, the rest share 1 − p. */
    private static FloatBuffer steps(int[] classes, float[] p) {
        float[] values = new float[classes.length * 5];
        for (int t = 0; t < classes.length; t++) {
            for (int c = 0; c < 5; c++) {
                values[t * 5 + c] = c == classes[t] ? p[t] : (1 - p[t]) / 4;
            }
        }
        return FloatBuffer.wrap(values);
    }

    @Test
    void mergesRepeatsDropsBlanksAndKeepsRepeatsSeparatedByABlank() {
        int[] path = {1, 1, 0, 1, 2, 2, 0, 4, 3, 0};
        float[] p = {0.9f, 0.8f, 0.99f, 0.7f, 0.6f, 0.95f, 0.9f, 0.5f, 0.8f, 0.9f};
        RecognizedText text = decoder.decode(steps(path, p), 0, path.length, 5);
        assertEquals("aab c", text.text());
        // kept steps: first of each run — 0.9 (a), 0.7 (a), 0.6 (b), 0.5 (space), 0.8 (c)
        assertEquals((0.9 + 0.7 + 0.6 + 0.5 + 0.8) / 5, text.confidence(), 1e-6);
    }

    @Test
    void onlyBlanksDecodeToEmptyTextWithZeroConfidence() {
        assertEquals(
                RecognizedText.EMPTY,
                decoder.decode(steps(new int[] {0, 0, 0}, new float[] {0.9f, 0.9f, 0.9f}), 0, 3, 5));
    }

    @Test
    void decodesTheRequestedItemOfABatch() {
        float[] first = steps(new int[] {1, 2}, new float[] {0.9f, 0.9f}).array();
        float[] second = steps(new int[] {3, 3}, new float[] {0.9f, 0.9f}).array();
        float[] batch = new float[first.length * 2];
        System.arraycopy(first, 0, batch, 0, first.length);
        System.arraycopy(second, 0, batch, first.length, second.length);
        assertEquals("c", decoder.decode(FloatBuffer.wrap(batch), 10, 2, 5).text());
    }

    @Test
    void refusesAModelWhoseClassCountDoesNotMatchTheCharacterFile() {
        assertThrows(IllegalStateException.class, () -> decoder.decode(FloatBuffer.allocate(12), 0, 2, 6));
    }
}
