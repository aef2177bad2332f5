package io.montage.models.media;

import java.util.Optional;

/**
 * Follows an Ogg stream's pages to its last one. Writers write whole pages, so a last page that
 * runs past the end of the data is a cut. FFmpeg does not say so: cut inside the first audio page
 * it fails to open the file at all, and cut later it plays the whole pages and reports their
 * shorter duration as the file's.
 */
final class OggPages {

    // "OggS", version, header type, granule position (8), serial (4), sequence (4), CRC (4), segment count.
    private static final int HEADER_BYTES = 27;
    private static final byte[] CAPTURE = {'O', 'g', 'g', 'S'};

    /**
     * A page that the data ends inside of.
     *
     * @param size the page's size, as far as the data tells it: the 27 bytes of its header when the
     *             data ends inside that, the header and segment table when it ends inside the table
     */
    record TornPage(long start, long size) {}

    private OggPages() {}

    /** The page the data ends inside of; empty when the pages end with the data, or it is no Ogg stream. */
    static Optional<TornPage> tornPage(byte[] data) {
        if (data.length < CAPTURE.length || !startsPage(data, 0)) {
            return Optional.empty();
        }
        long pos = 0;
        while (pos < data.length) {
            if (!startsPage(data, (int) pos)) {
                return Optional.empty(); // no page where one should start: damage, for the decoder to report
            }
            if (pos + HEADER_BYTES > data.length) {
                return Optional.of(new TornPage(pos, HEADER_BYTES));
            }
            int segments = data[(int) pos + 26] & 0xFF;
            long size = HEADER_BYTES + segments;
            if (pos + size <= data.length) {
                for (int i = 0; i < segments; i++) {
                    size += data[(int) pos + HEADER_BYTES + i] & 0xFF;
                }
            }
            if (pos + size > data.length) {
                return Optional.of(new TornPage(pos, size));
            }
            pos += size;
        }
        return Optional.empty();
    }

    /** Whether a page starts at {@code pos}: its capture pattern, or as much of it as the data still holds. */
    private static boolean startsPage(byte[] data, int pos) {
        for (int i = 0; i < CAPTURE.length && pos + i < data.length; i++) {
            if (data[pos + i] != CAPTURE[i]) {
                return false;
            }
        }
        return true;
    }
}
