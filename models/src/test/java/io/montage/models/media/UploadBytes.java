package io.montage.models.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/**
 * Generated uploads for the checks that read headers before FFmpeg: noise behind each signature
 * the readers recognise, the committed fixtures cut short or with bytes changed, and headers built
 * to declare any size their fields can hold.
 */
final class UploadBytes {

    /** A header built to declare {@code width} × {@code height}, and complete. */
    record DeclaredImage(String format, long width, long height, byte[] bytes) {

        @Override
        public String toString() {
            return format + " declaring " + width + "×" + height;
        }
    }

    private static final List<String> FIXTURES = List.of(
            "image-320x240.png",
            "image-320x240.gif",
            "image-320x240.webp",
            "sample-text.jpg",
            "tone-300ms-44k1-mono.wav");
    private static final List<byte[]> FIXTURE_BYTES =
            FIXTURES.stream().map(MediaFixtures::bytes).toList();

    private UploadBytes() {}

    /** Everything below, mixed. */
    static Arbitrary<byte[]> any() {
        return Arbitraries.oneOf(
                signedNoise(),
                damagedFixtures(),
                riffChunks(),
                declaredImages().map(DeclaredImage::bytes),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                builtAudioAndAnimations(),
                damaged(builtAudioAndAnimations()));
    }

    /**
     * Ogg streams, ID3v2 tags, MPEG frame chains (alone or behind a tag) and animated WebPs as
     * their writers build them: noise alone rarely gets past a reader's first check, these reach
     * every branch after it.
     */
    static Arbitrary<byte[]> builtAudioAndAnimations() {
        return Arbitraries.oneOf(
                BuiltOggStream.streams().map(BuiltOggStream::bytes),
                BuiltId3Tag.tags().map(BuiltId3Tag::bytes),
                BuiltMpegAudio.chains().map(BuiltMpegAudio::bytes),
                Combinators.combine(BuiltId3Tag.tags().filter(tag -> !tag.isCut()), BuiltMpegAudio.chains())
                        .as((tag, chain) -> concat(Arrays.copyOf(tag.bytes(), (int) tag.end()), chain.bytes())),
                BuiltAnimatedWebp.animations().map(BuiltAnimatedWebp::bytes));
    }

    /** A signature the readers recognise, then random bytes. */
    static Arbitrary<byte[]> signedNoise() {
        Arbitrary<byte[]> signature = Arbitraries.of(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
                ascii("GIF87a"),
                ascii("GIF89a"),
                ascii("RIFF\0\0\0\0WEBPVP8 "),
                ascii("RIFF\0\0\0\0WEBPVP8L"),
                ascii("RIFF\0\0\0\0WEBPVP8X"),
                ascii("RIFF\0\0\0\0WAVE"),
                ascii("RIFF\0\0\0\0WAVEfmt "),
                ascii("RIFF\0\0\0\0WAVEdata"));
        return Combinators.combine(
                        signature, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as(UploadBytes::concat);
    }

    /** A committed fixture cut at any length, with up to eight bytes changed, or both. */
    static Arbitrary<byte[]> damagedFixtures() {
        return damaged(Arbitraries.of(FIXTURE_BYTES));
    }

    /**
     * Bytes cut at any length, with up to eight bytes changed, or both. Lengths and positions are
     * drawn uniformly: jqwik's default leans to small values, which cut nearly everything inside
     * its first header and change its signature, so few damaged inputs got past a reader's first check.
     */
    static Arbitrary<byte[]> damaged(Arbitrary<byte[]> whole) {
        Arbitrary<byte[]> nonEmpty = whole.filter(bytes -> bytes.length > 0);
        return Arbitraries.oneOf(cut(nonEmpty), changed(nonEmpty), changed(cut(nonEmpty)));
    }

    private static Arbitrary<byte[]> cut(Arbitrary<byte[]> whole) {
        return whole.flatMap(bytes -> Arbitraries.integers()
                .between(1, bytes.length)
                .withDistribution(RandomDistribution.uniform())
                .map(length -> Arrays.copyOf(bytes, length)));
    }

    private static Arbitrary<byte[]> changed(Arbitrary<byte[]> whole) {
        Arbitrary<Double> position = Arbitraries.doubles()
                .between(0, 1)
                .withDistribution(RandomDistribution.uniform())
                .filter(at -> at < 1);
        return Combinators.combine(
                        whole,
                        position.list().ofMinSize(1).ofMaxSize(8),
                        Arbitraries.bytes().list().ofSize(8))
                .as((original, positions, values) -> {
                    byte[] bytes = original.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        bytes[(int) (positions.get(i) * bytes.length)] = values.get(i);
                    }
                    return bytes;
                });
    }

    /** A RIFF/WAVE file of chunks whose declared sizes are any 32-bit value, whatever follows them. */
    static Arbitrary<byte[]> riffChunks() {
        Arbitrary<byte[]> chunk = Combinators.combine(
                        Arbitraries.of("fmt ", "data", "LIST", "fact", "\0\0\0\0"),
                        u32(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(24))
                .as((id, size, payload) -> concat(concat(ascii(id), le32(size)), payload));
        return chunk.list().ofMaxSize(4).map(chunks -> {
            byte[] file = ascii("RIFF\0\0\0\0WAVE");
            for (byte[] c : chunks) {
                file = concat(file, c);
            }
            return file;
        });
    }

    /** Complete PNG, GIF, JPEG and WebP headers declaring any size their fields can hold. */
    static Arbitrary<DeclaredImage> declaredImages() {
        return Arbitraries.oneOf(
                Combinators.combine(u32(), u32()).as((w, h) -> new DeclaredImage("png", w, h, png(w, h))),
                Combinators.combine(u16(), u16()).as((w, h) -> new DeclaredImage("gif", w, h, gif(w, h))),
                Combinators.combine(u16(), u16()).as((w, h) -> new DeclaredImage("jpeg", w, h, jpeg(w, h))),
                Combinators.combine(u24().map(v -> v + 1), u24().map(v -> v + 1))
                        .as((w, h) -> new DeclaredImage("webp", w, h, webpExtended(w, h))));
    }

    /** A WAV header declaring {@code dataSize} bytes at {@code byteRate}, followed by {@code present} bytes. */
    static byte[] wav(long byteRate, long dataSize, int present) {
        ByteBuffer fmt = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt((int) byteRate)
                .putShort((short) 2)
                .putShort((short) 16);
        byte[] header = concat(concat(ascii("RIFF\0\0\0\0WAVEfmt "), le32(16)), fmt.array());
        return concat(concat(concat(header, ascii("data")), le32(dataSize)), new byte[present]);
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    private static Arbitrary<Long> u16() {
        return Arbitraries.longs().between(0, 0xFFFF);
    }

    private static Arbitrary<Long> u24() {
        return Arbitraries.longs().between(0, 0xFF_FFFF);
    }

    static byte[] png(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(25)
                .put(new byte[] {0, 0, 0, 13})
                .put(ascii("IHDR"))
                .putInt((int) width)
                .putInt((int) height)
                .put(new byte[] {8, 2, 0, 0, 0})
                .putInt(0);
        return concat(
                concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, ihdr.array()),
                new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82});
    }

    private static byte[] gif(long width, long height) {
        ByteBuffer screen = ByteBuffer.allocate(7)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) width)
                .putShort((short) height)
                .put(new byte[] {0, 0, 0});
        return concat(concat(ascii("GIF89a"), screen.array()), new byte[] {0x3B});
    }

    private static byte[] jpeg(long width, long height) {
        // SOI, a baseline SOF0 for one component, a minimal SOS, one byte of scan data, EOI.
        ByteBuffer sof = ByteBuffer.allocate(13)
                .put(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 11, 8})
                .putShort((short) height)
                .putShort((short) width)
                .put(new byte[] {1, 1, 0x11, 0});
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x12, (byte) 0xFF, (byte) 0xD9};
        return concat(concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, sof.array()), sos);
    }

    private static byte[] webpExtended(long width, long height) {
        ByteBuffer vp8x = ByteBuffer.allocate(18)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("VP8X"))
                .putInt(10)
                .putInt(0)
                .put(le24(width - 1))
                .put(le24(height - 1));
        byte[] body = concat(ascii("WEBP"), vp8x.array());
        return concat(concat(ascii("RIFF"), le32(body.length)), body);
    }

    private static byte[] le32(long value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) value)
                .array();
    }

    private static byte[] le24(long value) {
        return Arrays.copyOf(le32(value), 3);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
