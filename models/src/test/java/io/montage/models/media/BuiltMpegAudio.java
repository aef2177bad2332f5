package io.montage.models.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A chain of MPEG audio frames as an encoder writes them: one version, layer and sample rate
 * throughout, a bitrate and padding per frame (variable bitrate), silent (zero) payloads, and
 * perhaps a Xing frame first. Frame lengths and sample counts are computed here from ISO 11172-3
 * and 13818-3 as written, not from the reader's tables.
 *
 * @param version     the header's 2-bit version field: 0 MPEG-2.5, 2 MPEG-2, 3 MPEG-1
 * @param layer       1, 2 or 3
 * @param rateIndex   the sample rate field, 0–2
 * @param channelMode 0–3, 3 being mono
 * @param frames      each frame's bitrate index (1–14) and padding bit
 * @param xingFirst   whether the first frame is a Xing frame (layer III only), which holds no audio;
 *                    at 8 kbit/s a frame can be too short (24 bytes) to hold one
 */
record BuiltMpegAudio(int version, int layer, int rateIndex, int channelMode, List<Frame> frames, boolean xingFirst) {

    record Frame(int bitrateIndex, boolean padding) {}

    private static final int[] MPEG1_RATES = {44100, 48000, 32000};
    // Kilobits per second by bitrate index 1–14: ISO 11172-3 table for MPEG-1 layers I, II, III;
    // ISO 13818-3 for MPEG-2 and 2.5 layer I, then layers II and III.
    private static final int[][] KBPS = {
        {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };

    static Arbitrary<BuiltMpegAudio> chains() {
        Arbitrary<Frame> frame = Combinators.combine(Arbitraries.integers().between(1, 14), Arbitraries.of(true, false))
                .as(Frame::new);
        return Combinators.combine(
                        Arbitraries.of(0, 2, 3),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 3),
                        frame.list().ofMinSize(2).ofMaxSize(12),
                        Arbitraries.of(true, false))
                .as((version, layer, rate, mode, frames, xing) ->
                        new BuiltMpegAudio(version, layer, rate, mode, frames, false).withXingFirst(xing));
    }

    /** With a Xing frame first where asked for and where one fits: layer III, and a frame past its side info. */
    private BuiltMpegAudio withXingFirst(boolean xing) {
        boolean fits = layer == 3 && frameLength(0) >= 4 + sideInfoBytes() + 4;
        return new BuiltMpegAudio(version, layer, rateIndex, channelMode, frames, xing && fits);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            byte[] bytes = new byte[frameLength(i)];
            bytes[0] = (byte) 0xFF;
            // Sync bits, version, layer (I = 11, II = 10, III = 01), and no CRC.
            bytes[1] = (byte) (0xE0 | version << 3 | (4 - layer) << 1 | 1);
            bytes[2] = (byte) (frame.bitrateIndex() << 4 | rateIndex << 2 | (frame.padding() ? 1 : 0) << 1);
            bytes[3] = (byte) (channelMode << 6);
            if (i == 0 && xingFirst) {
                byte[] xing = "Xing".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(xing, 0, bytes, 4 + sideInfoBytes(), xing.length);
            }
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    int sampleRate() {
        return MPEG1_RATES[rateIndex] / (version == 3 ? 1 : version == 2 ? 2 : 4);
    }

    int samplesPerFrame() {
        return layer == 1 ? 384 : layer == 3 && version != 3 ? 576 : 1152;
    }

    int frameLength(int frame) {
        int padding = frames.get(frame).padding() ? 1 : 0;
        long bitsPerSecond = 1000L * KBPS[table()][frames.get(frame).bitrateIndex() - 1];
        // A slot is 4 bytes in layer I and 1 byte in layers II and III.
        return layer == 1
                ? (int) ((12 * bitsPerSecond / sampleRate() + padding) * 4)
                : (int) (samplesPerFrame() / 8 * bitsPerSecond / sampleRate() + padding);
    }

    long frameStart(int frame) {
        long start = 0;
        for (int i = 0; i < frame; i++) {
            start += frameLength(i);
        }
        return start;
    }

    /** How many frames the first {@code length} bytes hold whole. */
    int wholeFramesIn(long length) {
        int whole = 0;
        while (whole < frames.size() && frameStart(whole + 1) <= length) {
            whole++;
        }
        return whole;
    }

    long size() {
        return frameStart(frames.size());
    }

    /** The audio in the first {@code whole} frames, the Xing frame not counted. */
    long durationMicros(int whole) {
        long audioFrames = whole - (xingFirst ? 1 : 0);
        return Math.max(0, audioFrames) * samplesPerFrame() * 1_000_000 / sampleRate();
    }

    private int table() {
        if (version == 3) {
            return layer - 1;
        }
        return layer == 1 ? 3 : 4;
    }

    private int sideInfoBytes() {
        boolean mono = channelMode == 3;
        return version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    }
}
