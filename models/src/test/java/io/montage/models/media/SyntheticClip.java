package io.montage.models.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * An MP4 (MPEG-4 Part 2) made in memory of visually distinct segments: a solid colour field each, with a
 * large word on it, so tests know where every cut is.
 */
public final class SyntheticClip {

    /** One segment: its colour, its word and how long it lasts. */
    public record Segment(Color colour, String word, double seconds) {}

    /** One segment as any picture (a listed photo, say), shown for {@code seconds}; width × height as the clip's. */
    public record Shot(BufferedImage picture, double seconds) {}

    public static final int FRAME_RATE = 25;

    private SyntheticClip() {}

    /** The three segments the scene tests use: 3.2 s blue "HARBOUR", 2.8 s red "MARKET", 3.0 s green "FOREST". */
    public static List<Segment> threeScenes() {
        return List.of(
                new Segment(new Color(20, 40, 160), "HARBOUR", 3.2),
                new Segment(new Color(170, 30, 30), "MARKET", 2.8),
                new Segment(new Color(30, 140, 50), "FOREST", 3.0));
    }

    public static byte[] mp4(List<Segment> segments, int width, int height) {
        return mp4OfShots(
                segments.stream()
                        .map(segment -> new Shot(picture(segment, width, height), segment.seconds()))
                        .toList(),
                width,
                height);
    }

    public static byte[] mp4OfShots(List<Shot> shots, int width, int height) {
        FfmpegNatives.require();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, width, height);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            // Fragmented: an MP4 written to a stream cannot seek back to put its index first.
            recorder.setOption("movflags", "frag_keyframe+empty_moov");
            // MPEG-4 Part 2: FFmpeg's own encoder, in every build (H.264 encoding needs GPL libx264).
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setVideoQuality(4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FRAME_RATE);
            recorder.start();
            for (Shot shot : shots) {
                long frames = Math.round(shot.seconds() * FRAME_RATE);
                for (long i = 0; i < frames; i++) {
                    recorder.record(converter.convert(shot.picture()));
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write an MP4: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Where each segment starts, in microseconds. */
    public static long[] cutsMicros(List<Segment> segments) {
        long[] starts = new long[segments.size()];
        long frames = 0;
        for (int i = 0; i < segments.size(); i++) {
            starts[i] = frames * 1_000_000 / FRAME_RATE;
            frames += Math.round(segments.get(i).seconds() * FRAME_RATE);
        }
        return starts;
    }

    /** The picture every frame of {@code segment} shows. */
    public static BufferedImage picture(Segment segment, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(segment.colour());
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 6));
            int textWidth = g.getFontMetrics().stringWidth(segment.word());
            g.drawString(segment.word(), (width - textWidth) / 2, height / 2);
        } finally {
            g.dispose();
        }
        return image;
    }
}
