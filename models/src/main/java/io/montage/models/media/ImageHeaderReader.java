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

    private ImageHeaderReader() {
    }

    /** The header of a PNG, JPEG, GIF or WebP; empty for anything else, or a header too short to read. */
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
        if (data.length >= 12 && startsWith(data, ascii("RIFF")) && ascii(data, 8, 4).equals("WEBP")) {
            return webp(data);
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> png(byte[] data) {
        // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
        if (data.length < 24 || !ascii(data, 12, 4).equals("IHDR")) {
            return Optional.empty();
        }
        boolean complete = lastIndexOf(data, PNG_IEND, Math.max(0, data.length - 64)) >= 0;
        return Optional.of(new ImageHeader("png", u32be(data, 16), u32be(data, 20), complete));
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
        return width < 0 ? Optional.empty() : Optional.of(new ImageHeader("jpeg", width, height, false));
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
            return Optional.empty();
        }
        boolean complete = u8(data, data.length - 1) == 0x3B; // trailer byte
        return Optional.of(new ImageHeader("gif", u16le(data, 6), u16le(data, 8), complete));
    }

    private static Optional<ImageHeader> webp(byte[] data) {
        if (data.length < 30) {
            return Optional.empty();
        }
        boolean complete = u32le(data, 4) + 8 <= data.length;
        String chunk = ascii(data, 12, 4);
        return switch (chunk) {
            // Lossy: VP8 key frame header, 14-bit dimensions after the 9d 01 2a start code.
            case "VP8 " -> Optional.of(new ImageHeader("webp",
                    u16le(data, 26) & 0x3FFF, u16le(data, 28) & 0x3FFF, complete));
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

    private static int lastIndexOf(byte[] data, byte[] needle, int from) {
        for (int i = data.length - needle.length; i >= from; i--) {
            if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
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
        return ((long) u8(data, offset) << 24) | (u8(data, offset + 1) << 16) | (u8(data, offset + 2) << 8) | u8(data, offset + 3);
    }

    private static long u32le(byte[] data, int offset) {
        return u16le(data, offset) | (u16le(data, offset + 2) << 16);
    }
}
