package io.montage.models.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads declared dimensions from PNG, JPEG, GIF and WebP headers. FFmpeg's image demuxers only
 * learn dimensions by decoding the picture (inside avformat_find_stream_info), so a 30000×30000
 * PNG would be allocated before we could look at it; these few bytes are read first instead.
 * Other containers (MP4/HEIC, audio) declare their sizes in headers FFmpeg parses without decoding.
 */
final class ImageHeaderReader {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_IEND = "IEND".getBytes(StandardCharsets.US_ASCII);

    private ImageHeaderReader() {}

    /**
     * The header of a PNG, JPEG, GIF or WebP; empty for anything else, or a header too damaged to
     * read. A file whose signature is there but that ends before its size is declared has a header
     * of size 0×0 that is not complete.
     */
    static Optional<ImageHeader> read(byte[] data) {
        if (startsWith(data, PNG_SIGNATURE)) {
            return png(data);
        }
        if (data.length >= 3 && u8(data, 0) == 0xFF && u8(data, 1) == 0xD8 && u8(data, 2) == 0xFF) {
            return jpeg(data);
        }
        if (startsWith(data, ascii("GIF87a")) || startsWith(data, ascii("GIF89a"))) {
            return gif(data);
        }
        if (data.length >= 12
                && startsWith(data, ascii("RIFF"))
                && ascii(data, 8, 4).equals("WEBP")) {
            return webp(data);
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> png(byte[] data) {
        // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
        if (data.length < 24) {
            return Optional.of(new ImageHeader("png", 0, 0, false));
        }
        if (!ascii(data, 12, 4).equals("IHDR")) {
            return Optional.empty();
        }
        return Optional.of(new ImageHeader("png", u32be(data, 16), u32be(data, 20), pngReachesIend(data)));
    }

    /**
     * Follows the chunks from the signature to IEND. Looking for "IEND" near the end of the data
     * instead would call a PNG with anything appended (a ZIP, as in a PNG/ZIP polyglot) cut short.
     */
    private static boolean pngReachesIend(byte[] data) {
        long pos = PNG_SIGNATURE.length;
        // length(4) type(4) data(length) CRC(4); a length that runs past the data is the cut.
        while (pos + 12 <= data.length) {
            long length = u32be(data, (int) pos);
            long end = pos + 12 + length;
            if (end > data.length) {
                return false;
            }
            if (Arrays.equals(data, (int) pos + 4, (int) pos + 8, PNG_IEND, 0, PNG_IEND.length)) {
                return true;
            }
            pos = end;
        }
        return false;
    }

    private static Optional<ImageHeader> jpeg(byte[] data) {
        int pos = 2;
        long width = -1;
        long height = -1;
        while (pos + 4 <= data.length) {
            if (u8(data, pos) != 0xFF) {
                return Optional.empty();
            }
            int marker = u8(data, pos + 1);
            if (marker == 0xFF) {
                pos++; // fill byte before a marker
                continue;
            }
            int length = u16be(data, pos + 2);
            if (isStartOfFrame(marker) && pos + 9 <= data.length) {
                height = u16be(data, pos + 5);
                width = u16be(data, pos + 7);
            }
            if (marker == 0xDA) { // start of scan: entropy-coded data follows
                // Inside scan data 0xFF is always followed by 0x00 or a restart marker, so the
                // first FF D9 after the scan header is the end-of-image marker.
                boolean complete = indexOfEndOfImage(data, pos + 2 + length) >= 0;
                return width < 0 ? Optional.empty() : Optional.of(new ImageHeader("jpeg", width, height, complete));
            }
            pos += 2 + length;
        }
        // The segments ran past the end of the data before the scan: cut short, perhaps before SOF.
        return Optional.of(new ImageHeader("jpeg", Math.max(width, 0), Math.max(height, 0), false));
    }

    private static boolean isStartOfFrame(int marker) {
        // C0–CF are SOF markers except C4 (DHT), C8 (JPG extension) and CC (DAC).
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int indexOfEndOfImage(byte[] data, int from) {
        for (int i = Math.max(from, 0); i + 1 < data.length; i++) {
            if (u8(data, i) == 0xFF && u8(data, i + 1) == 0xD9) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<ImageHeader> gif(byte[] data) {
        // Logical screen descriptor: width and height, little-endian, right after the signature.
        if (data.length < 10) {
            return Optional.of(new ImageHeader("gif", 0, 0, false));
        }
        return Optional.of(new ImageHeader("gif", u16le(data, 6), u16le(data, 8), gifReachesTrailer(data)));
    }

    /**
     * Follows the blocks from the screen descriptor to the trailer byte (0x3B). Checking the last
     * byte instead would call a GIF with anything appended cut short. False only when the data
     * ends inside a block: an unknown block type is damage, left to the decoder to report.
     */
    private static boolean gifReachesTrailer(byte[] data) {
        if (data.length < 13) {
            return false;
        }
        int pos = 13 + colourTableSize(u8(data, 10));
        while (pos < data.length) {
            switch (u8(data, pos)) {
                case 0x3B -> {
                    return true;
                }
                // Extension: introducer, label, then data sub-blocks.
                case 0x21 -> pos = afterSubBlocks(data, pos + 2);
                // Image: descriptor (10 bytes), local colour table, LZW code size, then data sub-blocks.
                case 0x2C -> {
                    if (pos + 10 > data.length) {
                        return false;
                    }
                    pos = afterSubBlocks(data, pos + 10 + colourTableSize(u8(data, pos + 9)) + 1);
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    /** Bytes of the colour table that a GIF packed-fields byte announces (3 × 2^(n+1), or none). */
    private static int colourTableSize(int packedFields) {
        return (packedFields & 0x80) == 0 ? 0 : 3 << ((packedFields & 0x07) + 1);
    }

    /** The position after a run of GIF sub-blocks (size byte, data) ended by a zero size; past the data if cut. */
    private static int afterSubBlocks(byte[] data, int pos) {
        while (pos < data.length) {
            int size = u8(data, pos);
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static Optional<ImageHeader> webp(byte[] data) {
        if (data.length < 30) {
            return Optional.of(new ImageHeader("webp", 0, 0, false));
        }
        boolean complete = u32le(data, 4) + 8 <= data.length;
        String chunk = ascii(data, 12, 4);
        return switch (chunk) {
            // Lossy: VP8 key frame header, 14-bit dimensions after the 9d 01 2a start code.
            case "VP8 " ->
                Optional.of(new ImageHeader("webp", u16le(data, 26) & 0x3FFF, u16le(data, 28) & 0x3FFF, complete));
            // Lossless: signature byte 0x2f, then width-1 and height-1 as 14-bit fields.
            case "VP8L" -> {
                long bits = u32le(data, 21);
                yield Optional.of(new ImageHeader("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, complete));
            }
            // Extended: canvas width-1 and height-1 as 24-bit fields.
            case "VP8X" -> Optional.of(new ImageHeader("webp", u24le(data, 24) + 1, u24le(data, 27) + 1, complete));
            default -> Optional.empty();
        };
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.US_ASCII);
    }

    private static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    private static int u16be(byte[] data, int offset) {
        return offset + 1 < data.length ? (u8(data, offset) << 8) | u8(data, offset + 1) : 0;
    }

    private static long u16le(byte[] data, int offset) {
        return u8(data, offset) | ((long) u8(data, offset + 1) << 8);
    }

    private static long u24le(byte[] data, int offset) {
        return u16le(data, offset) | ((long) u8(data, offset + 2) << 16);
    }

    private static long u32be(byte[] data, int offset) {
        return ((long) u8(data, offset) << 24)
                | (u8(data, offset + 1) << 16)
                | (u8(data, offset + 2) << 8)
                | u8(data, offset + 3);
    }

    private static long u32le(byte[] data, int offset) {
        return u16le(data, offset) | (u16le(data, offset + 2) << 16);
    }
}
