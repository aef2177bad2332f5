package io.montage.tests;

import io.montage.models.media.SyntheticClip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Speech made by Debian's espeak-ng (installed by {@link DebianPackages} where missing), placed at
 * chosen times on a silent sound track: a spoken track whose phrases the tests know the times of.
 */
final class SpokenWords {

    private static final Path ESPEAK = Path.of("/usr/bin/espeak-ng");

    /** One phrase and where on the track it starts. */
    record Phrase(String text, double atSeconds) {}

    private SpokenWords() {}

    /** A mono track of {@code seconds}, silent but for {@code phrases}, at espeak-ng's own rate (22,050 Hz). */
    static SyntheticClip.Sound track(double seconds, List<Phrase> phrases) throws IOException, InterruptedException {
        DebianPackages.ensure("The spoken-clip scene test", List.of("espeak-ng"), List.of(ESPEAK));
        int rate = 0;
        short[] track = null;
        for (Phrase phrase : phrases) {
            Speech speech = say(phrase.text());
            if (track == null) {
                rate = speech.sampleRate();
                track = new short[(int) Math.round(seconds * rate)];
            }
            int at = (int) Math.round(phrase.atSeconds() * rate);
            if (at + speech.samples().length > track.length) {
                throw new IllegalArgumentException("\"" + phrase.text() + "\" at " + phrase.atSeconds() + " s lasts "
                        + speech.seconds() + " s, past the track's end at " + seconds + " s");
            }
            System.arraycopy(speech.samples(), 0, track, at, speech.samples().length);
        }
        return new SyntheticClip.Sound(rate, track);
    }

    /** A phrase as espeak-ng says it (English, a little slower than its default), 16-bit mono. */
    record Speech(int sampleRate, short[] samples) {
        double seconds() {
            return (double) samples.length / sampleRate;
        }
    }

    static Speech say(String text) throws IOException, InterruptedException {
        Process espeak = new ProcessBuilder(ESPEAK.toString(), "-v", "en", "-s", "150", "--stdout", text)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] wav = espeak.getInputStream().readAllBytes();
        if (!espeak.waitFor(30, TimeUnit.SECONDS) || espeak.exitValue() != 0) {
            throw new IllegalStateException("espeak-ng could not say \"" + text + "\" (exit "
                    + (espeak.isAlive() ? "none: still running" : espeak.exitValue()) + ")");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16) {
                throw new IllegalStateException("espeak-ng wrote " + format + "; the test expects 16-bit mono");
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes())
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return new Speech(Math.round(format.getSampleRate()), samples);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException("espeak-ng's output is not a WAV file: " + e.getMessage(), e);
        }
    }
}
