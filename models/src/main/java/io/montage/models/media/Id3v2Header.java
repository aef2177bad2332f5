package io.montage.models.media;

import java.util.Optional;

/**
 * The ID3v2 tag an MP3 (and some FLAC or AAC files) starts with: "ID3", version, flags, and the
 * tag's size as four 7-bit bytes. Its size says where the audio starts, so a file that ends
 * before the tag does was cut short before any audio; FFmpeg then finds no stream and says only
 * that it does not recognise the data.
 *
 * @param end offset of the first byte after the tag (and its footer, if it has one)
 */
record Id3v2Header(long end) {

    private static final int HEADER_BYTES = 10;
    private static final int FOOTER_FLAG = 0x10;

    static Optional<Id3v2Header> read(byte[] data) {
        if (data.length < HEADER_BYTES
                || data[0] != 'I'
                || data[1] != 'D'
                || data[2] != '3'
                || (data[3] & 0xFF) == 0xFF
                || (data[4] & 0xFF) == 0xFF) {
            return Optional.empty();
        }
        long size = 0;
        for (int i = 6; i < HEADER_BYTES; i++) {
            if ((data[i] & 0x80) != 0) {
                return Optional.empty(); // not a synchsafe integer: not an ID3v2 header
            }
            size = size << 7 | data[i];
        }
        boolean footer = (data[5] & FOOTER_FLAG) != 0;
        return Optional.of(new Id3v2Header(HEADER_BYTES + size + (footer ? HEADER_BYTES : 0)));
    }
}
