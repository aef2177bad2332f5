package io.montage.models.media.bench;

import io.montage.models.media.AudioDecoder;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaFixtures;
import io.montage.models.media.MediaLimits;
import io.montage.models.media.MediaProbe;
import java.io.ByteArrayOutputStream;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Probe throughput on this machine: 1080p JPEG images per second and 60 s MP3 probes and full
 * 16 kHz decodes as multiples of real time. Not a test; run by hand (command below) and read the figures, e.g. after a change to the probe.
 * Usage: ProbeBenchmark [threads] [seconds per measurement], e.g.
 * <pre>
 * mvn -q -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -cp "$(cat /tmp/cp)":models/target/classes:models/target/test-classes io.montage.models.media.bench.ProbeBenchmark 2 5
 * </pre>
 */
public final class ProbeBenchmark {

    private static final int AUDIO_SECONDS = 60;

    private ProbeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        // The recorder below would otherwise print its stream summary; the probe sets the same level.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());
        AudioDecoder decoder = new FfmpegAudioDecoder(MediaLimits.defaults());

        byte[] jpeg = MediaFixtures.jpeg(MediaFixtures.photoLike(1920, 1080, 1), 0.85f);
        byte[] mp3 = sineMp3(AUDIO_SECONDS);
        System.out.printf(
                Locale.ROOT,
                "inputs: 1920x1080 JPEG %d KB, %d s MP3 %d KB; %d thread(s), %.0f s each%n",
                jpeg.length / 1024,
                AUDIO_SECONDS,
                mp3.length / 1024,
                threads,
                seconds);

        double images = measure("probe 1080p JPEG", threads, seconds, () -> probe.probe(jpeg));
        System.out.printf(Locale.ROOT, "  -> %.1f images/s%n", images);
        double audioProbes = measure("probe 60 s MP3", threads, seconds, () -> probe.probe(mp3));
        System.out.printf(
                Locale.ROOT, "  -> %.0f x real time (%.1f probes/s)%n", audioProbes * AUDIO_SECONDS, audioProbes);
        double audioDecodes =
                measure("decode 60 s MP3 to 16 kHz mono", threads, seconds, () -> decoder.decodeMono16k(mp3));
        System.out.printf(
                Locale.ROOT, "  -> %.0f x real time (%.2f decodes/s)%n", audioDecodes * AUDIO_SECONDS, audioDecodes);
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work on every thread for the given time after a warm-up; returns operations per second. */
    private static double measure(String name, int threads, double seconds, Work work) throws Exception {
        long warmUpEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            work.run();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    int done = 0;
                    while (System.nanoTime() < end) {
                        work.run();
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d in %.1f s%n", name, total, elapsed);
            return total / elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A speech-rate MP3 (mono 22.05 kHz, 48 kbit/s) of a warbling tone, encoded in memory by the bundled FFmpeg. */
    private static byte[] sineMp3(int durationSeconds) throws Exception {
        int rate = 22_050;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, 1)) {
            recorder.setFormat("mp3");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_MP3);
            recorder.setSampleRate(rate);
            recorder.setAudioBitrate(48_000);
            recorder.start();
            short[] second = new short[rate];
            for (int s = 0; s < durationSeconds; s++) {
                for (int i = 0; i < rate; i++) {
                    double t = s + i / (double) rate;
                    second[i] = (short) (8000 * Math.sin(2 * Math.PI * (300 + 100 * Math.sin(t)) * t));
                }
                recorder.recordSamples(rate, 1, ShortBuffer.wrap(second));
            }
            recorder.stop();
        }
        return out.toByteArray();
    }
}
