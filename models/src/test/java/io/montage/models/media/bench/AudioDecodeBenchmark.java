package io.montage.models.media.bench;

import io.montage.models.media.AudioDecoder;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.MediaLimits;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Decode + resample to 16 kHz mono, × real time, per container/codec, on the committed fixtures
 * (1.5 s tones; each decoded repeatedly for a couple of seconds). Not a test: it prints figures.
 *
 * <pre>
 * mvn -q -B -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat models/target/cp.txt):models/target/classes:models/target/test-classes" io.montage.models.media.bench.AudioDecodeBenchmark
 * </pre>
 */
public final class AudioDecodeBenchmark {

    private static final List<String> FIXTURES = List.of(
            "tone-1500ms-16k-stereo.wav",
            "tone-1500ms-44k1-mono.mp3",
            "tone-1500ms-48k-stereo.opus",
            "tone-1500ms-22k05-mono.flac",
            "tone-1500ms-44k1-stereo.m4a",
            "clip-2s-320x240.mp4");

    public static void main(String[] args) throws Exception {
        AudioDecoder decoder = new FfmpegAudioDecoder(MediaLimits.defaults());
        System.out.println("format                         x real time (decode + resample to 16 kHz mono)");
        for (String fixture : FIXTURES) {
            byte[] data;
            try (InputStream in = AudioDecodeBenchmark.class.getResourceAsStream("/media/" + fixture)) {
                data = in.readAllBytes();
            }
            float[] warm = decoder.decodeMono16k(data);
            double seconds = warm.length / (double) AudioDecoder.SAMPLE_RATE;
            long start = System.nanoTime();
            int runs = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                decoder.decodeMono16k(data);
                runs++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-30s %8.0fx%n", fixture, runs * seconds / elapsed);
        }
    }
}
