package io.montage.models.video;

import io.montage.models.media.FfmpegNatives;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A clip's keyframes as a short MP4 a moderator can play through: each scene's keyframe, in order,
 * held for {@value #HOLD_SECONDS} seconds, with {@link SceneCues} as its subtitle track.
 *
 * <p>H.264 through OpenH264, which the bundled FFmpeg build links (libx264 is GPL and is not in
 * it); MPEG-4 Part 2, FFmpeg's own encoder, where OpenH264 cannot be opened. A held keyframe costs
 * one intra frame and then near-empty predicted frames, so the size grows with the number of scenes,
 * not with the hold.
 */
public final class SummaryVideo {

    /** Long enough to read a keyframe's subtitle (a caption and a line of text), short enough to skim. */
    public static final int HOLD_SECONDS = 2;

    /**
     * Frames a second: the picture only changes every {@value #HOLD_SECONDS} seconds, so a low rate
     * keeps the file small; 5 still lets a player seek to within a fifth of a second of a cue.
     */
    public static final int FRAME_RATE = 5;

    /**
     * At most this many scenes, the first ones, go into one summary (eight minutes of it), whatever
     * the clip's length: past that a summary is no longer skimmed.
     */
    public static final int MAX_KEYFRAMES = 240;

    /**
     * The most an encoded summary may take: half the 16 MiB record limit, so the record with its
     * envelope is always accepted. A 640-pixel photo keyframe costs a few tens of kilobytes, so
     * {@value #MAX_KEYFRAMES} of them fit; pictures that compress badly (noise, fine texture) can cost
     * ten times that, and then fewer keyframes are shown rather than the record being refused.
     */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    public static final String CONTENT_TYPE = "video/mp4";

    /** The encoded video, and which codec made it. */
    public record Encoded(byte[] mp4, String codec, int keyframes) {}

    private SummaryVideo() {}

    /**
     * The first keyframes, at most {@value #MAX_KEYFRAMES} and as many as fit {@value #MAX_BYTES}
     * bytes, each drawn to the first one's size (even, as 4:2:0 needs); {@link Encoded#keyframes()}
     * says how many were shown.
     */
    public static Encoded of(List<BufferedImage> keyframes) {
        return of(keyframes, MAX_BYTES);
    }

    static Encoded of(List<BufferedImage> keyframes, int maxBytes) {
        if (keyframes.isEmpty()) {
            throw new IllegalArgumentException("a summary video needs at least one keyframe");
        }
        FfmpegNatives.require();
        int width = Math.max(2, keyframes.get(0).getWidth() & ~1);
        int height = Math.max(2, keyframes.get(0).getHeight() & ~1);
        int shown = Math.min(MAX_KEYFRAMES, keyframes.size());
        Encoded encoded = encoded(keyframes.subList(0, shown), width, height);
        while (encoded.mp4().length > maxBytes && shown > 1) {
            // Keyframes cost about the same each: shrink in proportion, with a tenth to spare.
            shown = Math.max(1, Math.min(shown - 1, (int) ((long) shown * maxBytes * 9 / 10 / encoded.mp4().length)));
            encoded = encoded(keyframes.subList(0, shown), width, height);
        }
        return encoded;
    }

    private static Encoded encoded(List<BufferedImage> shown, int width, int height) {
        try {
            return new Encoded(encode(shown, width, height, "libopenh264"), "h264", shown.size());
        } catch (FrameRecorder.Exception openH264Unavailable) {
            try {
                return new Encoded(encode(shown, width, height, null), "mpeg4", shown.size());
            } catch (FrameRecorder.Exception e) {
                throw new IllegalStateException(
                        "FFmpeg could not write the summary video with H.264 (" + openH264Unavailable.getMessage()
                                + ") nor MPEG-4 (" + e.getMessage() + "); check the FFmpeg natives on this machine",
                        e);
            }
        }
    }

    private static byte[] encode(List<BufferedImage> keyframes, int width, int height, String encoderName)
            throws FrameRecorder.Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, width, height);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            // Fragmented: an MP4 written to a stream cannot seek back to put its index first.
            recorder.setOption("movflags", "frag_keyframe+empty_moov");
            if (encoderName != null) {
                recorder.setVideoCodecName(encoderName);
            } else {
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(4);
            }
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FRAME_RATE);
            // One intra frame per keyframe: a player seeking to a cue lands on its picture at once.
            recorder.setGopSize(FRAME_RATE * HOLD_SECONDS);
            recorder.start();
            for (BufferedImage keyframe : keyframes) {
                Frame frame = converter.convert(fitted(keyframe, width, height));
                for (int i = 0; i < FRAME_RATE * HOLD_SECONDS; i++) {
                    recorder.record(frame);
                }
            }
            recorder.stop();
        }
        return out.toByteArray();
    }

    /** The keyframe on a canvas of the summary's size, as 3-byte BGR, which the converter takes without a copy. */
    private static BufferedImage fitted(BufferedImage keyframe, int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, width, height);
            g.drawImage(keyframe, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
