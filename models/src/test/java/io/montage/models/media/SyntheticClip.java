package io.montage.models.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ShortBuffer;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
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

    /** A mono 16-bit sound track: its samples from the clip's start, at {@code sampleRate}. */
    public record Sound(int sampleRate, short[] samples) {}

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
        return mp4OfShots(shots, width, height, null);
    }

    /** As {@link #mp4(List, int, int)}, with an AAC sound track (silence after its last sample). */
    public static byte[] mp4(List<Segment> segments, int width, int height, Sound sound) {
        return mp4OfShots(
                segments.stream()
                        .map(segment -> new Shot(picture(segment, width, height), segment.seconds()))
                        .toList(),
                width,
                height,
                sound);
    }

    private static byte[] mp4OfShots(List<Shot> shots, int width, int height, Sound sound) {
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
            if (sound != null) {
                recorder.setAudioChannels(1);
                recorder.setSampleRate(sound.sampleRate());
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setAudioBitrate(96_000);
            }
            recorder.start();
            long frame = 0;
            for (Shot shot : shots) {
                long frames = Math.round(shot.seconds() * FRAME_RATE);
                for (long i = 0; i < frames; i++, frame++) {
                    recorder.record(converter.convert(shot.picture()));
                    if (sound != null) {
                        // The sound of this frame's 40 ms, so the muxer interleaves the two tracks.
                        recordSound(
                                recorder,
                                sound,
                                frame * sound.sampleRate() / FRAME_RATE,
                                (frame + 1) * sound.sampleRate() / FRAME_RATE);
                    }
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write an MP4: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void recordSound(FFmpegFrameRecorder recorder, Sound sound, long from, long to)
            throws FrameRecorder.Exception {
        short[] chunk = new short[(int) (to - from)];
        for (int i = 0; i < chunk.length; i++) {
            long at = from + i;
            chunk[i] = at < sound.samples().length ? sound.samples()[(int) at] : 0;
        }
        recorder.recordSamples(sound.sampleRate(), 1, ShortBuffer.wrap(chunk));
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

    /**
     * Where each segment starts as FFmpeg presents the clip: the time of the first frame whose colour
     * differs from the frame before. With a sound track the container shifts the pictures by the audio
     * encoder's priming delay (about 46 ms for AAC at 22,050 Hz), so the cuts are not where
     * {@link #cutsMicros} puts them in an unshifted clip.
     */
    public static long[] cutsAsPresentedMicros(byte[] mp4, int segments) {
        FfmpegNatives.require();
        long[] cuts = new long[segments];
        int found = 1;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(mp4));
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            int previous = -1;
            Frame frame;
            while (found < segments && (frame = grabber.grabImage()) != null) {
                int colour = converter.convert(frame).getRGB(4, 4) & 0xffffff;
                if (previous != -1 && !similar(colour, previous)) {
                    cuts[found++] = grabber.getTimestamp();
                }
                previous = colour;
            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("FFmpeg could not read the clip back: " + e.getMessage(), e);
        }
        if (found < segments) {
            throw new IllegalStateException("found " + found + " of " + segments + " segments in the clip");
        }
        return cuts;
    }

    /** Within MPEG-4's quantisation noise of each other, channel by channel. */
    private static boolean similar(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 24) {
                return false;
            }
        }
        return true;
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
