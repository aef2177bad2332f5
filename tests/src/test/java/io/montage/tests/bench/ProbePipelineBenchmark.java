package io.montage.tests.bench;

import io.montage.models.media.ContentKind;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.apache.avro.generic.GenericRecord;

/**
 * Produce → probe-result latency through the embedded default (in-process KRaft broker, embedded
 * registry, exactly_once_v2), and the pipeline's sustained rate for 1080p JPEGs. Not a test: it
 * prints figures. Run from the repository root:
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -pl tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat tests/target/cp.txt):tests/target/test-classes" io.montage.tests.bench.ProbePipelineBenchmark [events] [rate/s]
 * </pre>
 *
 * Latency is measured paced (default 200 events at 5/s, under the 2-core sustained rate) so it shows the pipeline's own delay, not
 * queueing; the rate run sends the same images unpaced and times the last output.
 */
public final class ProbePipelineBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("montage-bench");
        byte[][] images = new byte[16][];
        for (int i = 0; i < images.length; i++) {
            images[i] = photoLikeJpeg(1920, 1080, i);
        }
        try (RunningMontage montage = RunningMontage.start(dir, Map.of());
                MediaSender sender = montage.sender();
                TopicTail<GenericRecord> outputs = montage.outputs()) {
            warmUp(sender, outputs, images[0]);
            Histogram latency = paced(sender, outputs, images, events, rate);
            double perSecond = unpaced(sender, outputs, images, events);
            System.out.printf(
                    "produce->probe latency, %d 1080p JPEGs (%d KB avg) at %d/s, exactly_once_v2, "
                            + "commit.interval.ms=100:%n  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    events,
                    averageKb(images),
                    rate,
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0);
            System.out.printf(
                    "sustained, %d 1080p JPEGs unpaced: %.1f images/s through the pipeline "
                            + "(%d stream threads, %d cores)%n",
                    events,
                    perSecond,
                    montage.settings.streamThreads(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static void warmUp(MediaSender sender, TopicTail<GenericRecord> outputs, byte[] image) throws IOException {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            sent.put(sender.send(Path.of("warm.jpg"), image, ContentKind.IMAGE).eventId(), System.nanoTime());
        }
        drain(outputs, sent, null, Duration.ofSeconds(60));
    }

    private static Histogram paced(
            MediaSender sender, TopicTail<GenericRecord> outputs, byte[][] images, int events, int rate)
            throws IOException, InterruptedException {
        Histogram histogram = new Histogram(60_000_000L, 3);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < events; i++) {
            while (System.nanoTime() < next) {
                outputs.poll(Duration.ofMillis(1), r -> record(r.value(), sent, histogram));
            }
            sent.put(
                    sender.send(Path.of("b.jpg"), images[i % images.length], ContentKind.IMAGE)
                            .eventId(),
                    System.nanoTime());
            next += intervalNanos;
        }
        drain(outputs, sent, histogram, Duration.ofSeconds(120));
        return histogram;
    }

    private static double unpaced(MediaSender sender, TopicTail<GenericRecord> outputs, byte[][] images, int events)
            throws IOException {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            sent.put(
                    sender.send(Path.of("b.jpg"), images[i % images.length], ContentKind.IMAGE)
                            .eventId(),
                    start);
        }
        drain(outputs, sent, null, Duration.ofSeconds(300));
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static void drain(
            TopicTail<GenericRecord> outputs, Map<String, Long> sent, Histogram histogram, Duration timeout) {
        if (!outputs.pollUntil(sent::isEmpty, timeout, r -> record(r.value(), sent, histogram))) {
            throw new IllegalStateException(sent.size() + " events had no output within " + timeout);
        }
    }

    private static void record(GenericRecord output, Map<String, Long> sent, Histogram histogram) {
        Long at = sent.remove(output.get("eventId").toString());
        if (at != null && histogram != null) {
            histogram.recordValue((System.nanoTime() - at) / 1_000);
        }
    }

    /** Gradients plus noise: compresses like a photo (a flat colour would make a tiny, fast JPEG). */
    static byte[] photoLikeJpeg(int width, int height, long seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        Random random = new Random(seed);
        g.setPaint(new GradientPaint(
                0, 0, new Color(random.nextInt(0xffffff)), width, height, new Color(random.nextInt(0xffffff))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 4000; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 4 + random.nextInt(40), 4 + random.nextInt(40));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static long averageKb(byte[][] images) {
        long total = 0;
        for (byte[] image : images) {
            total += image.length;
        }
        return total / images.length / 1024;
    }
}
