package io.montage.models.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the duration a WAV header declares. FFmpeg's wav demuxer quietly clamps the data size
 * to the bytes it can see, so a header claiming two hours over one second of samples reaches
 * the probe as a valid one-second file; this reader sees the claim (and the cut) as it is.
 */
final class WavHeaderReader {

    // Writers that cannot seek back (pipes, live recorders) leave the data size as 0 or ~0.
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;

    private WavHeaderReader() {}

    /**
     * The declared duration; empty for anything but a WAV, or one whose data chunk is missing, has
     * no byte rate before it, or has the unknown size of a writer that could not seek back.
     */
    static Optional<WavHeader> read(byte[] data) {
        if (data.length < 12
                || !ascii(data, 0).equals("RIFF")
                || !ascii(data, 8).equals("WAVE")) {
            return Optional.empty();
        }
        long byteRate = 0;
        // A long: a chunk may declare up to 4 GiB, and an int position would wrap past the data.
        long next = 12;
        while (next + 8 <= data.length) {
            int pos = (int) next;
            String id = ascii(data, pos);
            long size = u32le(data, pos + 4);
            if (id.equals("fmt ") && pos + 20 <= data.length) {
                byteRate = u32le(data, pos + 16);
            } else if (id.equals("data")) {
                if (byteRate == 0 || size == 0 || size == UNKNOWN_SIZE) {
                    return Optional.empty();
                }
                long durationMicros = size * 1_000_000 / byteRate;
                return Optional.of(new WavHeader(durationMicros, pos + 8 + size <= data.length));
            }
            next = pos + 8 + size + (size & 1); // chunks are word-aligned
        }
        return Optional.empty();
    }

    private static String ascii(byte[] data, int offset) {
        return new String(data, offset, 4, StandardCharsets.US_ASCII);
    }

    private static long u32le(byte[] data, int offset) {
        return (data[offset] & 0xFFL)
                | (data[offset + 1] & 0xFFL) << 8
                | (data[offset + 2] & 0xFFL) << 16
                | (data[offset + 3] & 0xFFL) << 24;
    }
}
