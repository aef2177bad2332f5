package io.montage.models.audio.bench;

import io.montage.models.audio.SileroVad;
import io.montage.models.audio.VadSettings;
import io.montage.models.audio.WhisperLogMel;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The audio front end's speed on this machine: Whisper log-mel milliseconds per 30 s window (80 and
 * 128 bins) beside the numpy reference's time for the same window in the same run, and Silero VAD as
 * a multiple of real time (one clip at a time and batched). Not a test; run by hand from the repo root:
 * <pre>
 * mvn -q -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -cp "$(cat /tmp/cp)":models/target/classes:models/target/test-classes io.montage.models.audio.bench.AudioFrontEndBenchmark
 * </pre>
 * The numpy timing needs {@code /usr/bin/python3} with numpy and {@code models/tools/logmel_reference.py}
 * (override with -Dmontage.bench.python / -Dmontage.bench.logmel-script); the VAD timing needs the model
 * in the user's model cache or npm to pull it.
 */
public final class AudioFrontEndBenchmark {

    private static final int WARM_UP = 20;
    private static final int REPEATS = 30;
    private static final int VAD_SECONDS = 120;
    private static final int VAD_BATCH = 8;

    private AudioFrontEndBenchmark() {}

    public static void main(String[] args) throws Exception {
        float[] speech =
                new FfmpegAudioDecoder(MediaLimits.defaults()).decodeMono16k(resource("/audio/phrases-16k.flac"));
        float[] window = tile(speech, WhisperLogMel.N_SAMPLES);
        System.out.printf(
                "machine: %d cores available to the JVM, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));

        logMelMillis(80, window); // JIT warm-up of the shared code paths before either figure is taken
        double java80 = logMelMillis(80, window);
        double java128 = logMelMillis(128, window);
        System.out.printf("log-mel Java   80 bins: %.2f ms per 30 s window%n", java80);
        System.out.printf("log-mel Java  128 bins: %.2f ms per 30 s window%n", java128);
        Double numpy = numpyMillis(window);
        if (numpy != null) {
            System.out.printf(
                    "log-mel numpy  80 bins: %.2f ms per 30 s window (float64, np.fft.rfft); numpy / Java = %.2f%n",
                    numpy, numpy / java80);
        }
        vadTimes(speech);
    }

    private static double logMelMillis(int melBins, float[] window) {
        WhisperLogMel logMel = new WhisperLogMel(melBins);
        float sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += logMel.compute(window)[i];
        }
        long start = System.nanoTime();
        for (int i = 0; i < REPEATS; i++) {
            sink += logMel.compute(window)[i];
        }
        double millis = (System.nanoTime() - start) / 1e6 / REPEATS;
        if (Float.isNaN(sink)) {
            System.out.println("(NaN in log-mel output)");
        }
        return millis;
    }

    /** The numpy script's own per-window time (it times its loop itself, so Python's start-up is excluded). */
    private static Double numpyMillis(float[] window) throws IOException, InterruptedException {
        String python = System.getProperty("montage.bench.python", "/usr/bin/python3");
        Path script = Path.of(System.getProperty("montage.bench.logmel-script", "models/tools/logmel_reference.py"));
        if (!Files.isRegularFile(script) || !Files.isExecutable(Path.of(python))) {
            System.out.println("numpy reference: skipped (" + python + " or " + script.toAbsolutePath()
                    + " missing; run from the repo root with python3-numpy installed)");
            return null;
        }
        Path wav = Files.createTempFile("montage-bench-30s", ".wav");
        try {
            writeWav(window, wav);
            Process process = new ProcessBuilder(
                            python, script.toString(), "--time", String.valueOf(REPEATS / 3), wav.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                System.out.println("numpy reference: failed: " + output);
                return null;
            }
            return Double.parseDouble(output);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static void vadTimes(float[] speech) throws Exception {
        Path model;
        try {
            model = ModelStore.builder().build().pull(SileroVad.MODEL_ID).path(SileroVad.MODEL_FILE);
        } catch (Exception e) {
            System.out.println("VAD: skipped, model unavailable: " + e.getMessage());
            return;
        }
        float[] clip = tile(speech, VAD_SECONDS * SileroVad.SAMPLE_RATE);
        for (int threads : new int[] {1, 0}) {
            RuntimeSettings settings = RuntimeSettings.cpu().withThreads(threads, 1);
            try (SileroVad vad = SileroVad.open(new ModelRuntime(settings), model, VadSettings.defaults())) {
                vad.detect(tile(speech, 10 * SileroVad.SAMPLE_RATE));
                long start = System.nanoTime();
                int segments = vad.detect(clip).size();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "VAD one clip, intra-op threads %s: %d s of audio in %.3f s = %.0fx real time (%d segments)%n",
                        threads == 0 ? "ORT default" : threads, VAD_SECONDS, seconds, VAD_SECONDS / seconds, segments);

                List<float[]> clips = new ArrayList<>();
                for (int i = 0; i < VAD_BATCH; i++) {
                    clips.add(tile(speech, 30 * SileroVad.SAMPLE_RATE));
                }
                start = System.nanoTime();
                vad.detectAll(clips);
                seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "VAD batch of %d x 30 s, intra-op threads %s: %.0fx real time%n",
                        VAD_BATCH, threads == 0 ? "ORT default" : threads, VAD_BATCH * 30 / seconds);
            }
        }
    }

    private static float[] tile(float[] source, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = source[i % source.length];
        }
        return out;
    }

    private static void writeWav(float[] samples, Path target) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768f))));
        }
        AudioFormat format = new AudioFormat(16_000f, 16, 1, true, false);
        try (AudioInputStream in =
                new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, target.toFile());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AudioFrontEndBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name + "; run models/tools/make_audio_fixtures.sh");
            }
            return in.readAllBytes();
        }
    }
}
