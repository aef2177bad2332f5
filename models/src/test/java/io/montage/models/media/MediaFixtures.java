package io.montage.models.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Committed fixtures (made by models/tools/make_media_fixtures.sh) and media generated in memory. */
public final class MediaFixtures {

    private MediaFixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = MediaFixtures.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing fixture media/" + name + "; run models/tools/make_media_fixtures.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] firstHalf(byte[] data) {
        return Arrays.copyOf(data, data.length / 2);
    }

    /** A photo-like picture: smooth gradients, shapes at several scales and some text. */
    public static BufferedImage photoLike(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Random random = new Random(seed);
            g.setPaint(
                    new GradientPaint(0, 0, new Color(random.nextInt()), width, height, new Color(random.nextInt())));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 40; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 160));
                int size = (int) (Math.min(width, height) * (0.05 + random.nextDouble() * 0.4));
                g.fillOval(random.nextInt(width), random.nextInt(height), size, size);
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 10));
            g.drawString("Montage " + seed, width / 10, height / 2);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * An animated WebP as FFmpeg writes one with {@code -c:v libwebp_anim -loop 0}: lossy frames
     * at 10 frames a second, looping forever. Frames of {@code TYPE_4BYTE_ABGR} keep their alpha
     * (libwebp then stores it in ALPH chunks beside the VP8 data, and crops transparent borders).
     */
    public static byte[] animatedWebp(List<BufferedImage> frames) {
        FfmpegNatives.require();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BufferedImage first = frames.get(0);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, first.getWidth(), first.getHeight());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("webp");
            recorder.setVideoCodecName("libwebp_anim");
            recorder.setOption("loop", "0");
            recorder.setFrameRate(10);
            boolean alpha = first.getType() == BufferedImage.TYPE_4BYTE_ABGR;
            recorder.setPixelFormat(alpha ? avutil.AV_PIX_FMT_YUVA420P : avutil.AV_PIX_FMT_YUV420P);
            recorder.start();
            for (BufferedImage frame : frames) {
                recorder.record(converter.convert(frame), alpha ? avutil.AV_PIX_FMT_ABGR : avutil.AV_PIX_FMT_NONE);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write an animated WebP: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * A variable-bitrate MP3 with no Xing header, as a streaming encoder writes one: 2 s of
     * silence (the lowest bitrate) then {@code noiseSeconds} of loud noise (far higher), so an
     * estimate from the first frame's bitrate and the file size is several times too long.
     */
    public static byte[] variableBitrateMp3WithoutLengthHeader(int noiseSeconds) {
        FfmpegNatives.require();
        int rate = 44_100;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, 1)) {
            recorder.setFormat("mp3");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_MP3);
            recorder.setSampleRate(rate);
            recorder.setAudioQuality(2); // LAME's -V 2
            recorder.setOption("write_xing", "0");
            recorder.start();
            Random random = new Random(5);
            short[] second = new short[rate];
            for (int s = 0; s < 2 + noiseSeconds; s++) {
                for (int i = 0; i < rate; i++) {
                    second[i] = s < 2 ? 0 : (short) (random.nextGaussian() * 6000);
                }
                recorder.recordSamples(rate, 1, ShortBuffer.wrap(second));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write an MP3: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** A picture of one colour, with a white square whose place tells frames apart. */
    public static BufferedImage solid(int width, int height, Color colour, int squareX) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(colour);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.fillRect(squareX, height / 4, width / 8, height / 4);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static BufferedImage resized(BufferedImage image, double scale) {
        int width = (int) Math.round(image.getWidth() * scale);
        int height = (int) Math.round(image.getHeight() * scale);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
