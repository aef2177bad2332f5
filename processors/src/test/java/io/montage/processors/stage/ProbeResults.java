package io.montage.processors.stage;

import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.Timings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Probe results as the probe stage writes them to {@code probes}, with media made here (PNG
 * pictures, WAV tones), and the batch inputs a batched stage is handed; for the stage tests that
 * start where the probe stage ends.
 */
public final class ProbeResults {

    private ProbeResults() {}

    /** A PNG picture of the given size, filled with one colour. */
    public static ProbeResult picture(String eventId, int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return of(eventId, MediaKind.IMAGE, png(picture));
    }

    /** {@code seconds} of a 440 Hz tone, 16 kHz mono 16-bit PCM in a WAV file. */
    public static ProbeResult tone(String eventId, double seconds) {
        return of(eventId, MediaKind.AUDIO, toneWav((int) (seconds * 16_000)));
    }

    /** A probe result of {@code kind} whose inline media is {@code bytes}, as they are. */
    public static ProbeResult of(String eventId, MediaKind kind, byte[] bytes) {
        return ProbeResult.newBuilder()
                .setEventId(eventId)
                .setInput(new InputRef(kind == MediaKind.IMAGE ? "images" : "audio", 0, 7L))
                .setKind(kind)
                .setSizeBytes(bytes.length)
                .setMedia(Media.newBuilder().setInline(ByteBuffer.wrap(bytes)).build())
                .setTimings(Timings.newBuilder()
                        .setInputTimestamp(Instant.EPOCH)
                        .setStartedAt(Instant.EPOCH)
                        .setFinishedAt(Instant.EPOCH)
                        .setProcessingMicros(0L)
                        .build())
                .build();
    }

    /** The records of one batch, read from offsets 0, 1, 2… of the {@code probes} topic. */
    public static List<StageInput<ProbeResult>> batch(ProbeResult... probes) {
        List<StageInput<ProbeResult>> inputs = new ArrayList<>();
        for (int i = 0; i < probes.length; i++) {
            inputs.add(new StageInput<>(
                    probes[i], new InputContext("probes", 0, i, Instant.EPOCH, Instant.now(), System.nanoTime(), 0)));
        }
        return inputs;
    }

    /** The first bytes of a real PNG, cut off: recognisable, but not decodable. */
    public static byte[] truncatedPng() {
        byte[] whole = png(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB));
        byte[] cut = new byte[whole.length / 2];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        return cut;
    }

    private static byte[] png(BufferedImage picture) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(picture, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code samples} of a 440 Hz tone as a WAV file, 16 kHz mono 16-bit PCM. */
    public static byte[] toneWav(int samples) {
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(16000)
                .putInt(32000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0)));
        }
        return wav.array();
    }
}
