package io.montage.models.media;

import java.util.Arrays;
import java.util.Optional;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;

/**
 * Which container FFmpeg takes an upload's first bytes for, asked on its own. JavaCV reports a
 * failed open as one "avformat_open_input()" error whether FFmpeg did not recognise the data or
 * recognised it and then failed to read its headers (an Ogg cut inside its first audio page, an
 * MP4 cut inside 'moov'); this tells the two apart.
 */
final class ContainerRecognition {

    // FFmpeg's own probe looks at no more than 1 MiB (PROBE_BUF_MAX in libavformat/format.c).
    private static final int MAX_PROBE_BYTES = 1 << 20;

    private ContainerRecognition() {}

    /**
     * FFmpeg's names for the container, e.g. "Ogg (ogg)" or "QuickTime / MOV (mov,mp4,m4a,3gp,3g2,mj2)";
     * empty when no demuxer claims the bytes with some confidence.
     */
    static Optional<String> of(byte[] data) {
        int size = Math.min(data.length, MAX_PROBE_BYTES);
        // Demuxers' probe functions may read past the end, so FFmpeg requires zeroed padding there.
        byte[] padded = Arrays.copyOf(data, size + avformat.AVPROBE_PADDING_SIZE);
        try (BytePointer buffer = new BytePointer(padded);
                BytePointer noName = new BytePointer("");
                AVProbeData probe = new AVProbeData()) {
            probe.filename(noName).buf(buffer).buf_size(size).mime_type(null);
            // Only a score above AVPROBE_SCORE_RETRY counts: below it FFmpeg itself would keep reading before deciding.
            int[] score = {avformat.AVPROBE_SCORE_RETRY};
            AVInputFormat format = avformat.av_probe_input_format2(probe, 1, score);
            return format == null
                    ? Optional.empty()
                    : Optional.of(format.long_name().getString() + " ("
                            + format.name().getString() + ")");
        }
    }
}
