package io.montage.models.batching;

import java.util.List;

/**
 * Variable-length integer rows (token ids) padded to the longest row, row-major, with the matching
 * attention mask (1 = real token, 0 = padding).
 */
public record PaddedLongBatch(long[] values, long[] mask, int rows, int width) {

    public static PaddedLongBatch of(List<long[]> sequences, long padValue) {
        int width = 0;
        for (long[] s : sequences) {
            width = Math.max(width, s.length);
        }
        int rows = sequences.size();
        long[] values = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] s = sequences.get(r);
            int offset = r * width;
            System.arraycopy(s, 0, values, offset, s.length);
            java.util.Arrays.fill(values, offset + s.length, offset + width, padValue);
            java.util.Arrays.fill(mask, offset, offset + s.length, 1L);
        }
        return new PaddedLongBatch(values, mask, rows, width);
    }

    /** Pads each row's own companion values (e.g. token type ids) to the same width with zeros. */
    public static long[] padCompanion(List<long[]> sequences, int width) {
        long[] out = new long[sequences.size() * width];
        for (int r = 0; r < sequences.size(); r++) {
            long[] s = sequences.get(r);
            System.arraycopy(s, 0, out, r * width, s.length);
        }
        return out;
    }

    public long[] shape() {
        return new long[] {rows, width};
    }
}
