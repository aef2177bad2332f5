package io.montage.tests.bench;

import io.montage.models.media.ContentKind;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.apache.avro.generic.GenericRecord;

/**
 * Latency per stage on the models these machines have: 640×480 images with five lines of text go
 * through probe → OCR (PP-OCRv4) → text embedding (MiniLM), paced below capacity. For each stage it
 * prints p50/p99 of the stage's own processing time (from the Timings every record carries) and of
 * the time from producing the image to that stage's output being committed. Not a test.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -pl tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat tests/target/cp.txt):tests/target/test-classes" io.montage.tests.bench.StageLatencyBenchmark [images] [per-second]
 * </pre>
 */
public final class StageLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        Path dir = Files.createTempDirectory("montage-stage-bench");
        try (RunningMontage montage = RunningMontage.startWithStages(dir, Map.of(), "ocr", "text-embed");
                MediaSender sender = montage.sender();
                TopicTail<GenericRecord> outputs = new TopicTail<>(
                        montage.app.bootstrapServers(),
                        Map.of(),
                        List.of(
                                montage.app.topics().probes().name(),
                                montage.app.topics().ocr().name(),
                                montage.app.topics().embeddings().name()),
                        new GenericRecordDeserializer(montage.app.registryClient()))) {
            Map<String, Histogram> processing = new LinkedHashMap<>();
            Map<String, Histogram> endToEnd = new LinkedHashMap<>();
            for (String stage : List.of("probe", "ocr", "text-embed")) {
                processing.put(stage, new Histogram(600_000_000L, 3));
                endToEnd.put(stage, new Histogram(600_000_000L, 3));
            }
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            long interval = (long) (1e9 / rate);
            long next = System.nanoTime();
            for (int i = 0; i < images; i++) {
                while (System.nanoTime() < next) {
                    poll(outputs, sentAt, seen, processing, endToEnd);
                }
                String id = sender.send(Path.of("poster.png"), poster(i), ContentKind.IMAGE)
                        .eventId();
                sentAt.put(id, System.nanoTime());
                next += interval;
            }
            if (!outputs.pollUntil(
                    () -> seen.values().stream().filter(n -> n == 3).count() >= images,
                    Duration.ofMinutes(5),
                    r -> record(r.value(), sentAt, seen, processing, endToEnd))) {
                throw new IllegalStateException("only "
                        + seen.values().stream().filter(n -> n == 3).count() + " of " + images
                        + " images had their probe, OCR and text embedding within 5 minutes");
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d images 640x480 with 5 text lines at %.2f/s, %d cores%n",
                    images,
                    rate,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("stage        processing p50 / p99 ms     produce->output p50 / p99 ms");
            processing.forEach((stage, h) -> System.out.printf(
                    Locale.ROOT,
                    "%-12s %10.1f / %-10.1f %14.1f / %.1f%n",
                    stage,
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    endToEnd.get(stage).getValueAtPercentile(50) / 1000.0,
                    endToEnd.get(stage).getValueAtPercentile(99) / 1000.0));
        }
    }

    private static void poll(
            TopicTail<GenericRecord> outputs,
            Map<String, Long> sentAt,
            Map<String, Integer> seen,
            Map<String, Histogram> processing,
            Map<String, Histogram> endToEnd) {
        outputs.poll(Duration.ofMillis(5), r -> record(r.value(), sentAt, seen, processing, endToEnd));
    }

    /** One output's processing time and produce-to-output latency, under its stage. */
    private static void record(
            GenericRecord output,
            Map<String, Long> sentAt,
            Map<String, Integer> seen,
            Map<String, Histogram> processing,
            Map<String, Histogram> endToEnd) {
        String id = String.valueOf(output.get("eventId"));
        Long at = sentAt.get(id);
        if (at == null) {
            return;
        }
        String stage =
                switch (output.getSchema().getName()) {
                    case "ProbeResult" -> "probe";
                    case "OcrResult" -> "ocr";
                    default -> "text-embed";
                };
        long micros = (Long) ((GenericRecord) output.get("timings")).get("processingMicros");
        processing.get(stage).recordValue(Math.max(1, micros));
        endToEnd.get(stage).recordValue((System.nanoTime() - at) / 1_000);
        seen.merge(id, 1, Integer::sum);
    }

    private static byte[] poster(int index) throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(245, 240, 230));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        String[] lines = {
            "Order " + (1000 + index) + " ships today",
            "Meet at the north gate",
            "Tickets: 12 dollars",
            "Doors open at 7 pm",
            "Bring a friend #" + index
        };
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 40, 80 + 80 * i);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
