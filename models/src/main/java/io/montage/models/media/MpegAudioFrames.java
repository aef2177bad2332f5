package io.montage.models.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The chain of MPEG audio frames in an MP3, followed header by header: how long the audio really
 * lasts and where it ends. An MP3 need not state its duration (only a Xing, Info or VBRI frame
 * does), and FFmpeg then estimates it from the file size and the first frame's bitrate, which is
 * wrong for variable-bitrate audio and for a file with other data after its audio. Decoding hours
 * of audio to find out costs too much for a probe; each 4-byte header gives its frame's length,
 * so the walk reads a few bytes per 26 ms of audio.
 *
 * @param durationMicros the audio in the chain of frames (a Xing/Info/VBRI frame is silent and not counted)
 * @param audioEnd       offset of the first byte after the last whole frame
 * @param trailingBytes  bytes after {@code audioEnd} that are neither audio nor a tag (ID3v1, APEv2)
 * @param lastFrameBytes length of the last frame: the torn one the data ends inside of, else the last whole one
 */
record MpegAudioFrames(long durationMicros, long audioEnd, long trailingBytes, int lastFrameBytes) {

    // Kilobits per second by bitrate index 1–14 (ISO 11172-3, ISO 13818-3): MPEG-1 layers I, II
    // and III, then MPEG-2 and 2.5 layer I, then their layers II and III.
    private static final int[][] BITRATES = {
        {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};
    // How far past an ID3v2 tag to look for the first frame; encoders put it right there.
    private static final int FIRST_FRAME_SEARCH_BYTES = 64 * 1024;
    private static final int ID3V1_BYTES = 128;
    private static final int APE_FOOTER_BYTES = 32;

    /** The chain of frames of an MP3; empty when no two consecutive frames are found near its start. */
    static Optional<MpegAudioFrames> read(byte[] data) {
        int start = (int) Math.min(
                data.length, Id3v2Header.read(data).map(Id3v2Header::end).orElse(0L));
        int limit = (int) Math.min(data.length, (long) start + FIRST_FRAME_SEARCH_BYTES);
        for (int pos = start; pos + 4 <= limit; pos++) {
            Header first = Header.at(data, pos);
            if (first != null && first.followedBy(Header.at(data, pos + first.length()))) {
                return Optional.of(chainFrom(data, pos, first));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the audio runs to the end of the file, tags aside. Fewer leftover bytes than a frame
     * are a torn last frame, which decoders drop: under 30 ms of audio, not data after it.
     */
    boolean reachesEnd() {
        return trailingBytes < lastFrameBytes;
    }

    private static MpegAudioFrames chainFrom(byte[] data, int pos, Header first) {
        long samples = first.isLengthFrame(data, pos) ? -first.samples() : 0;
        Header last = first;
        Header header = first;
        while (header != null && first.followedBy(header) && pos + header.length() <= data.length) {
            samples += header.samples();
            pos += header.length();
            last = header;
            header = Header.at(data, pos);
        }
        // A header that continues the stream but whose frame runs past the data starts a torn last
        // frame: what is left is measured against its own length, not its predecessor's, which in
        // variable-bitrate audio can be a tenth of it (32 against 320 kbit/s).
        int lastFrameBytes = first.followedBy(header) ? header.length() : last.length();
        long trailing = Math.max(0, data.length - tagBytesAtEnd(data, pos) - pos);
        return new MpegAudioFrames(
                Math.max(0, samples) * 1_000_000 / first.sampleRate(), pos, trailing, lastFrameBytes);
    }

    /** Tags players write after the audio: an APEv2 tag, then an ID3v1 tag (128 bytes, "TAG"). */
    private static long tagBytesAtEnd(byte[] data, int audioEnd) {
        long end = data.length;
        if (end - ID3V1_BYTES >= audioEnd
                && ascii(data, (int) end - ID3V1_BYTES, 3).equals("TAG")) {
            end -= ID3V1_BYTES;
        }
        if (end - APE_FOOTER_BYTES >= audioEnd
                && ascii(data, (int) end - APE_FOOTER_BYTES, 8).equals("APETAGEX")) {
            int footer = (int) end - APE_FOOTER_BYTES;
            long size = u32le(data, footer + 12); // items and footer
            boolean header = (data[footer + 23] & 0x80) != 0;
            end -= Math.min(end - audioEnd, size + (header ? APE_FOOTER_BYTES : 0));
        }
        return data.length - end;
    }

    /** One frame header: 11 sync bits, version, layer, bitrate, sample rate, padding, channel mode. */
    private record Header(int version, int layer, int sampleRate, int length, int samples, boolean mono) {

        static Header at(byte[] data, int pos) {
            if (pos < 0 || pos + 4 > data.length || (data[pos] & 0xFF) != 0xFF || (data[pos + 1] & 0xE0) != 0xE0) {
                return null;
            }
            int version = (data[pos + 1] >> 3) & 0x03; // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1
            int layer = 4 - ((data[pos + 1] >> 1) & 0x03); // bits 3, 2, 1 mean layers I, II, III
            int bitrateIndex = (data[pos + 2] >> 4) & 0x0F;
            int rateIndex = (data[pos + 2] >> 2) & 0x03;
            // Reserved values, and the free-format bitrate (0) whose frame length no header states.
            if (version == 1 || layer == 4 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                return null;
            }
            boolean mpeg1 = version == 3;
            int table = mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4);
            int bitrate = BITRATES[table][bitrateIndex - 1] * 1000;
            int sampleRate = MPEG1_RATES[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
            int padding = (data[pos + 2] >> 1) & 0x01;
            int samples = layer == 1 ? 384 : layer == 2 || mpeg1 ? 1152 : 576;
            int length = layer == 1
                    ? (12 * bitrate / sampleRate + padding) * 4
                    : samples / 8 * bitrate / sampleRate + padding;
            boolean mono = ((data[pos + 3] >> 6) & 0x03) == 3;
            return new Header(version, layer, sampleRate, length, samples, mono);
        }

        /** Whether {@code next} continues the same stream: version, layer and sample rate never change within one. */
        boolean followedBy(Header next) {
            return next != null && next.version == version && next.layer == layer && next.sampleRate == sampleRate;
        }

        /** A Xing, Info or VBRI frame: it carries the length of the stream, not audio. */
        boolean isLengthFrame(byte[] data, int pos) {
            boolean mpeg1 = version == 3;
            int sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
            String xing = ascii(data, pos + 4 + sideInfo, 4);
            return xing.equals("Xing")
                    || xing.equals("Info")
                    || ascii(data, pos + 36, 4).equals("VBRI");
        }
    }

    private static String ascii(byte[] data, int offset, int length) {
        if (offset < 0 || offset + length > data.length) {
            return "";
        }
        return new String(Arrays.copyOfRange(data, offset, offset + length), StandardCharsets.ISO_8859_1);
    }

    private static long u32le(byte[] data, int offset) {
        return (data[offset] & 0xFFL)
                | (data[offset + 1] & 0xFFL) << 8
                | (data[offset + 2] & 0xFFL) << 16
                | (data[offset + 3] & 0xFFL) << 24;
    }
}
