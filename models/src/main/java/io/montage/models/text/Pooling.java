package io.montage.models.text;

import java.util.Locale;

/** How token vectors become one sentence vector; from the model's sentence-transformers {@code 1_Pooling/config.json}. */
public enum Pooling {
    /** Average of the real (unmasked) tokens: all-MiniLM-L6-v2. */
    MEAN,
    /** The first ([CLS]) token: bge-*-v1.5. */
    CLS;

    public static Pooling parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown pooling '" + value + "' in the model catalog; use mean or cls", e);
        }
    }

    /** Pools one row of a [batch, seq, hidden] output, reading only its {@code length} real tokens. */
    float[] pool(java.nio.FloatBuffer hidden, int row, int seqWidth, int hiddenSize, int length) {
        float[] out = new float[hiddenSize];
        int rowOffset = row * seqWidth * hiddenSize;
        if (this == CLS) {
            hidden.get(rowOffset, out, 0, hiddenSize);
            return out;
        }
        for (int t = 0; t < length; t++) {
            int offset = rowOffset + t * hiddenSize;
            for (int h = 0; h < hiddenSize; h++) {
                out[h] += hidden.get(offset + h);
            }
        }
        for (int h = 0; h < hiddenSize; h++) {
            out[h] /= Math.max(1, length);
        }
        return out;
    }
}
