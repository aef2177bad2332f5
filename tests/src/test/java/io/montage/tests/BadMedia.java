package io.montage.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/** Hostile and broken uploads, made byte by byte so each one is exactly the fault it names. */
final class BadMedia {

    private BadMedia() {}

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** The first half of a real MP4: the index (moov) is at the end, so nothing is left to play. */
    static byte[] truncated(byte[] media) {
        return Arrays.copyOf(media, media.length / 2);
    }

    /** A valid PNG signature and IHDR that declare 30000×30000 pixels (900 MP), followed by a tiny IDAT. */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A 16 kHz mono 16-bit WAV whose header declares {@code seconds} of audio but that holds one second. */
    static byte[] wavClaiming(int seconds) {
        int rate = 16_000;
        int declaredData = seconds * rate * 2;
        byte[] samples = new byte[rate * 2];
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(36 + declaredData)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(declaredData);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(samples);
        return out.toByteArray();
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = BadMedia.class.getResourceAsStream("/io/montage/topology/samples/" + name)) {
            if (in == null) {
                throw new IOException("sample " + name + " missing from the topology jar");
            }
            return in.readAllBytes();
        }
    }
}
