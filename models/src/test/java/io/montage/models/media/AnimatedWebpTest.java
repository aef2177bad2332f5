package io.montage.models.media;

import static io.montage.models.media.FfmpegMediaProbeRejectionTest.rejectionOf;
import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An animated WebP is an image: its first frame, on its canvas, as for an animated GIF. */
class AnimatedWebpTest {

    private static final Color FIRST = new Color(200, 40, 40);
    private static final Color LATER = new Color(40, 40, 200);

    private final MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());
    private final ImageDecoder decoder = new FfmpegImageDecoder(MediaLimits.defaults());

    @Test
    void animationWrittenByFfmpegWithLoopZeroProbesAsItsFirstFrame() throws Exception {
        BufferedImage first = MediaFixtures.solid(96, 64, FIRST, 8);
        byte[] animation = MediaFixtures.animatedWebp(
                List.of(first, MediaFixtures.solid(96, 64, LATER, 40), MediaFixtures.solid(96, 64, LATER, 72)));

        MediaInfo info = probe.probe(animation);
        BufferedImage decoded = decoder.decode(animation);

        assertThat(info.kind()).isEqualTo(ContentKind.IMAGE);
        assertThat(info.format()).isEqualTo("webp");
        assertThat(info.codec()).isEqualTo("webp");
        assertThat(info.width()).isEqualTo(96);
        assertThat(info.height()).isEqualTo(64);
        assertThat(info.frameCount()).isEqualTo(1);
        assertThat(info.sizeBytes()).isEqualTo(animation.length);
        assertThat(DctPerceptualHash.distance(info.perceptualHash(), DctPerceptualHash.of(first)))
                .isLessThanOrEqualTo(8);
        assertThat(decoded.getWidth()).isEqualTo(96);
        assertThat(near(new Color(decoded.getRGB(48, 56)), FIRST))
                .as("bottom middle is the first frame's red")
                .isTrue();
    }

    @Test
    void translucentAnimationDecodesItsFirstFrameWithItsAlphaChunk() throws Exception {
        byte[] animation = MediaFixtures.animatedWebp(List.of(translucent(8), translucent(40)));

        BufferedImage decoded = decoder.decode(animation);

        assertThat(new String(animation, 0, animation.length, StandardCharsets.ISO_8859_1))
                .contains("ALPH");
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        assertThat(near(new Color(decoded.getRGB(12, 14)), Color.GREEN))
                .as("the first frame's square")
                .isTrue();
        assertThat(near(new Color(decoded.getRGB(44, 14)), Color.GREEN))
                .as("the second frame's square")
                .isFalse();
    }

    @Test
    void firstFrameSmallerThanTheCanvasSitsAtItsOffsetOnTheBackground() throws Exception {
        byte[] still = MediaFixtures.bytes("image-320x240.webp");
        byte[] animation =
                animation(400, 300, new byte[] {0, (byte) 255, 0, (byte) 255}, 40, 30, 320, 240, vp8Chunk(still));

        MediaInfo info = probe.probe(animation);
        BufferedImage decoded = decoder.decode(animation);
        BufferedImage frame = decoder.decode(still);

        assertThat(info.width()).isEqualTo(400);
        assertThat(info.height()).isEqualTo(300);
        assertThat(new Color(decoded.getRGB(5, 5))).isEqualTo(Color.GREEN);
        assertThat(new Color(decoded.getRGB(399, 299))).isEqualTo(Color.GREEN);
        for (int[] point : new int[][] {{0, 0}, {160, 120}, {319, 239}}) {
            assertThat(decoded.getRGB(40 + point[0], 30 + point[1]))
                    .as("frame pixel %s", Arrays.toString(point))
                    .isEqualTo(frame.getRGB(point[0], point[1]));
        }
    }

    @Test
    void frameWhosePictureDataIsLargerThanItsDeclaredSizeIsRejectedBeforeDecoding() {
        byte[] animation =
                animation(400, 300, new byte[4], 0, 0, 32, 24, vp8Chunk(MediaFixtures.bytes("image-320x240.webp")));

        MediaRejectedException rejection = rejectionOf(probe, animation);

        assertThat(rejection.reason()).isEqualTo(CORRUPT);
        assertThat(rejection.getMessage()).contains("first frame is declared 32×24, but its picture data is 320×240");
    }

    @Test
    void animationWithoutAFrameIsCorrupt() {
        byte[] animation = animation(400, 300, new byte[4], 0, 0, 0, 0, null);

        MediaRejectedException rejection = rejectionOf(probe, animation);

        assertThat(rejection.reason()).isEqualTo(CORRUPT);
        assertThat(rejection.getMessage()).contains("marks it as an animation, but it holds no frame");
    }

    /** Half-transparent red with an opaque green square at {@code squareX}. */
    private static BufferedImage translucent(int squareX) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_4BYTE_ABGR);
        var g = image.createGraphics();
        try {
            g.setColor(new Color(200, 40, 40, 128));
            g.fillRect(0, 0, 64, 48);
            g.setColor(Color.GREEN);
            g.fillRect(squareX, 8, 12, 12);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static boolean near(Color actual, Color expected) {
        return Math.abs(actual.getRed() - expected.getRed()) < 30
                && Math.abs(actual.getGreen() - expected.getGreen()) < 30
                && Math.abs(actual.getBlue() - expected.getBlue()) < 30;
    }

    /** The 'VP8 ' chunk of a simple-format lossy WebP, which starts right after the 12-byte RIFF header. */
    private static byte[] vp8Chunk(byte[] still) {
        assertThat(new String(still, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8 ");
        int size = ByteBuffer.wrap(still, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(still, 12, 12 + 8 + size + (size & 1));
    }

    /** VP8X (animation flag), ANIM, and one ANMF holding {@code frameChunks}; no ANMF when they are null. */
    private static byte[] animation(
            int canvasWidth,
            int canvasHeight,
            byte[] backgroundBgra,
            int x,
            int y,
            int width,
            int height,
            byte[] frameChunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WEBP"));
        ByteBuffer vp8x = le(10).put((byte) 0x02).put(new byte[3]);
        u24(vp8x, canvasWidth - 1);
        u24(vp8x, canvasHeight - 1);
        chunk(body, "VP8X", vp8x.array());
        chunk(body, "ANIM", le(6).put(backgroundBgra).putShort((short) 0).array());
        if (frameChunks != null) {
            ByteBuffer anmf = le(16 + frameChunks.length);
            u24(anmf, x / 2);
            u24(anmf, y / 2);
            u24(anmf, width - 1);
            u24(anmf, height - 1);
            u24(anmf, 100);
            anmf.put((byte) 0).put(frameChunks);
            chunk(body, "ANMF", anmf.array());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ascii("RIFF"));
        file.writeBytes(le(4).putInt(body.size()).array());
        file.writeBytes(body.toByteArray());
        return file.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] payload) {
        out.writeBytes(ascii(id));
        out.writeBytes(le(4).putInt(payload.length).array());
        out.writeBytes(payload);
        if (payload.length % 2 == 1) {
            out.write(0);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void u24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
