package io.montage.models.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * An animated WebP as its container declares one: VP8X with the animation flag, perhaps an ANIM
 * chunk with a background colour, and a first ANMF frame placed on the canvas that holds a VP8
 * or VP8L chunk (perhaps after an ALPH chunk) whose bitstream header declares the frame's size.
 * The bitstream itself is {@code payloadBytes} of zeros after its header: no decoder sees it.
 *
 * @param backgroundBgra ANIM's colour as stored (blue, green, red, alpha), or null for no ANIM chunk
 */
record BuiltAnimatedWebp(
        int canvasWidth,
        int canvasHeight,
        Integer backgroundBgra,
        AnimatedWebp.Placement frame,
        boolean lossless,
        boolean alphaChunk,
        int payloadBytes) {

    private static final int LARGEST_CANVAS_SIDE = 1 << 24;
    // VP8's dimensions are 14-bit values; VP8L's are 14-bit values of side - 1.
    private static final int LARGEST_VP8_SIDE = (1 << 14) - 1;

    static Arbitrary<BuiltAnimatedWebp> animations() {
        Arbitrary<Integer> side = Arbitraries.integers()
                .between(1, LARGEST_CANVAS_SIDE)
                .edgeCases(edges -> edges.add(LARGEST_CANVAS_SIDE));
        return Combinators.combine(side, side, Arbitraries.of(true, false))
                .flatAs((width, height, lossless) -> Combinators.combine(
                                placement(width, height, lossless),
                                Arbitraries.integers().injectNull(0.3),
                                Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 40))
                        .as((frame, background, alpha, payload) ->
                                new BuiltAnimatedWebp(width, height, background, frame, lossless, alpha, payload)));
    }

    /** A frame that fits the canvas, at an even offset as ANMF stores offsets halved. */
    private static Arbitrary<AnimatedWebp.Placement> placement(int canvasWidth, int canvasHeight, boolean lossless) {
        int largest = lossless ? LARGEST_VP8_SIDE + 1 : LARGEST_VP8_SIDE;
        Arbitrary<Integer> width = Arbitraries.integers().between(1, Math.min(canvasWidth, largest));
        Arbitrary<Integer> height = Arbitraries.integers().between(1, Math.min(canvasHeight, largest));
        return Combinators.combine(width, height).flatAs((w, h) -> Combinators.combine(
                        Arbitraries.integers().between(0, (canvasWidth - w) / 2).map(x -> 2 * x),
                        Arbitraries.integers()
                                .between(0, (canvasHeight - h) / 2)
                                .map(y -> 2 * y))
                .as((x, y) -> new AnimatedWebp.Placement(x, y, w, h)));
    }

    /** The ANIM background as {@link AnimatedWebp} reports it: 0xRRGGBB, white without ANIM. */
    int backgroundRgb() {
        if (backgroundBgra == null) {
            return 0xFFFFFF;
        }
        int blue = backgroundBgra >>> 24;
        int green = (backgroundBgra >>> 16) & 0xFF;
        int red = (backgroundBgra >>> 8) & 0xFF;
        return red << 16 | green << 8 | blue;
    }

    byte[] bytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WEBP"));
        ByteBuffer vp8x = ByteBuffer.allocate(10)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0x02)
                .put(new byte[3])
                .put(le24(canvasWidth - 1))
                .put(le24(canvasHeight - 1));
        chunk(body, "VP8X", vp8x.array());
        if (backgroundBgra != null) {
            chunk(body, "ANIM", ByteBuffer.allocate(6).putInt(backgroundBgra).array());
        }
        ByteArrayOutputStream anmf = new ByteArrayOutputStream();
        anmf.writeBytes(le24(frame.x() / 2));
        anmf.writeBytes(le24(frame.y() / 2));
        anmf.writeBytes(le24(frame.width() - 1));
        anmf.writeBytes(le24(frame.height() - 1));
        anmf.writeBytes(new byte[4]); // duration, flags
        if (alphaChunk) {
            chunk(anmf, "ALPH", new byte[3]);
        }
        chunk(anmf, bitstreamId(), bitstream());
        chunk(body, "ANMF", anmf.toByteArray());
        return riff(body.toByteArray());
    }

    /** The still WebP the first frame must be lifted into: RIFF, WEBP, the bitstream's chunk. */
    byte[] firstFrameStill() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WEBP"));
        chunk(body, bitstreamId(), bitstream());
        return riff(body.toByteArray());
    }

    private String bitstreamId() {
        return lossless ? "VP8L" : "VP8 ";
    }

    private byte[] bitstream() {
        if (lossless) {
            // Signature 0x2F, then width - 1 and height - 1 in 14 bits each, alpha hint, version.
            int bits = (frame.width() - 1) | (frame.height() - 1) << 14;
            return ByteBuffer.allocate(5 + payloadBytes + 5)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 0x2F)
                    .putInt(bits)
                    .array();
        }
        // A key frame's 3-byte tag, the start code 9D 01 2A, then width and height (scale bits 0).
        return ByteBuffer.allocate(10 + payloadBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[3])
                .put((byte) 0x9D)
                .put((byte) 0x01)
                .put((byte) 0x2A)
                .putShort((short) frame.width())
                .putShort((short) frame.height())
                .array();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] payload) {
        out.writeBytes(ascii(id));
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(payload.length)
                .array());
        out.writeBytes(payload);
        if (payload.length % 2 == 1) {
            out.write(0); // RIFF pads payloads to an even size
        }
    }

    private static byte[] riff(byte[] body) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ascii("RIFF"));
        file.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(body.length)
                .array());
        file.writeBytes(body);
        return file.toByteArray();
    }

    private static byte[] le24(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
