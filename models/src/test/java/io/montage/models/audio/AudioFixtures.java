package io.montage.models.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** The committed speech fixtures under {@code src/test/resources/audio/} (made by models/tools/make_audio_fixtures.sh). */
final class AudioFixtures {

    private AudioFixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = AudioFixtures.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "test fixture /audio/" + name + " is missing; run models/tools/make_audio_fixtures.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 16 kHz mono 16-bit WAV read with the JDK alone, as the numpy reference reads it: s16 / 32768. */
    static float[] wav16kMono(String name) {
        try (InputStream raw = AudioFixtures.class.getResourceAsStream("/audio/" + name);
                AudioInputStream in = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(raw))) {
            AudioFormat format = in.getFormat();
            if (format.getSampleRate() != 16_000f
                    || format.getChannels() != 1
                    || format.getSampleSizeInBits() != 16
                    || format.isBigEndian()) {
                throw new IllegalStateException(name + " must be 16 kHz mono s16le, is " + format);
            }
            ShortBuffer pcm = ByteBuffer.wrap(in.readAllBytes())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer();
            float[] samples = new float[pcm.remaining()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = pcm.get(i) / 32768f;
            }
            return samples;
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalStateException("cannot read fixture " + name + ": " + e.getMessage(), e);
        }
    }
}
