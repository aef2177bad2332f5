package io.montage.tests.bench;

import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.tests.LoopbackBroker;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Montage's memory under repeated bursts of 1080p images through the CPU stages (probe, OCR, text
 * embeddings), with Montage in its own JVM so that its resident set is measured alone: peak RSS and
 * heap of each burst and RSS once it drained, for several configurations side by side. Not a test:
 * it prints figures. From the repository root, after {@code mvn -q -B install -DskipTests} and the
 * classpath step of the README:
 *
 * <pre>
 * java -cp "$(cat tests/target/cp.txt):tests/target/test-classes" io.montage.tests.bench.MemoryUnderBurstBenchmark [bursts] [images] [configurations, e.g. 3,4]
 * </pre>
 *
 * Bounded means: the peaks stop growing after the first burst, and the capped configuration stays
 * under its cap.
 */
public final class MemoryUnderBurstBenchmark {

    /** One configuration: its name, JVM options, environment and Montage settings. */
    private record Configuration(
            String name, List<String> jvmOptions, Map<String, String> environment, Map<String, String> settings) {}

    /**
     * What one burst did: peak resident set, heap, and memory outside the JVM's heap and non-heap
     * pools while it ran (ONNX Runtime, FFmpeg, the C allocator, thread stacks), of which the JVM's
     * own native memory (garbage collector, threads, compiler, symbols; Native Memory Tracking,
     * sampled when the burst drained) is a part, resident set once it drained.
     */
    private record Burst(
            long peakRssMb,
            long peakHeapUsedMb,
            long heapCommittedMb,
            long peakOutsideJvmMb,
            long jvmNativeMb,
            long settledRssMb,
            double seconds) {}

    public static void main(String[] args) throws Exception {
        int bursts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        byte[][] jpegs = new byte[24][];
        for (int i = 0; i < jpegs.length; i++) {
            jpegs[i] = ProbePipelineBenchmark.photoLikeJpeg(1920, 1080, i);
        }
        // Kafka Streams' buffered.records.per.partition (1000 or 128) made no measurable difference to
        // any figure here, so the configurations vary what did: the heap cap and the native allocators.
        List<Configuration> all = List.of(
                new Configuration("JVM default heap", List.of(), Map.of(), Map.of()),
                new Configuration("-Xmx1g", List.of("-Xmx1g"), Map.of(), Map.of()),
                new Configuration(
                        "-Xmx1g, MALLOC_ARENA_MAX=2", List.of("-Xmx1g"), Map.of("MALLOC_ARENA_MAX", "2"), Map.of()),
                new Configuration(
                        "-Xmx1g, montage.onnx.cpu-arena=false",
                        List.of("-Xmx1g"),
                        Map.of(),
                        Map.of("montage.onnx.cpu-arena", "false")),
                new Configuration(
                        "-Xmx1g, MALLOC_ARENA_MAX=2, montage.onnx.cpu-arena=false",
                        List.of("-Xmx1g"),
                        Map.of("MALLOC_ARENA_MAX", "2"),
                        Map.of("montage.onnx.cpu-arena", "false")));
        List<Configuration> configurations = all;
        if (args.length > 2) {
            // a comma-separated selection, by position in the list above (1-based)
            configurations = java.util.Arrays.stream(args[2].split(","))
                    .map(i -> all.get(Integer.parseInt(i.trim()) - 1))
                    .toList();
        }
        System.out.printf(
                "%d bursts of %d 1080p JPEGs (%d KB average) through probe, OCR and text embeddings; "
                        + "max heap of the JVM default: %d MB on this machine%n",
                bursts, images, averageKb(jpegs), Runtime.getRuntime().maxMemory() >> 20);
        for (Configuration configuration : configurations) {
            List<Burst> results = run(configuration, bursts, images, jpegs);
            System.out.println(configuration.name() + ":");
            for (int i = 0; i < results.size(); i++) {
                Burst b = results.get(i);
                System.out.printf(
                        "  burst %d: peak RSS %d MB, peak heap used %d MB (committed %d MB), peak outside "
                                + "the JVM's pools %d MB (of it the JVM's own native memory %d MB), RSS after draining %d MB, "
                                + "%.0f s%n",
                        i + 1,
                        b.peakRssMb(),
                        b.peakHeapUsedMb(),
                        b.heapCommittedMb(),
                        b.peakOutsideJvmMb(),
                        b.jvmNativeMb(),
                        b.settledRssMb(),
                        b.seconds());
            }
        }
    }

    private static List<Burst> run(Configuration configuration, int bursts, int images, byte[][] jpegs)
            throws Exception {
        Path dir = Files.createTempDirectory("montage-memory");
        EmbeddedBrokerSettings brokerSettings = LoopbackBroker.settings(dir.resolve("broker"));
        int metricsPort = EmbeddedKafkaBroker.freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "127.0.0.1", 0, "_schemas");
                SchemaRegistryClient client =
                        RestSchemaRegistryClient.forUrls(registry.url().toString())) {
            Topics topics = Topics.withRegistry("", client);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(configuration.jvmOptions());
            command.add("-XX:NativeMemoryTracking=summary");
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.montage.topology.cli.MontageCommand",
                    "run",
                    "-D",
                    "bootstrap.servers=" + broker.bootstrapServers(),
                    "-D",
                    "schema.registry.url=" + registry.url(),
                    "-D",
                    "montage.data.dir=" + dir.resolve("montage"),
                    "-D",
                    "montage.stages=probe,ocr,text-embed",
                    "-D",
                    "montage.http.port=" + metricsPort));
            configuration.settings().forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("montage.log").toFile());
            builder.environment().putAll(configuration.environment());
            Process montage = builder.start();
            try {
                awaitLog(dir.resolve("montage.log"), "Montage is running", montage);
                List<Burst> results = new ArrayList<>();
                try (MediaSender sender = new MediaSender(
                                topics,
                                new FfmpegMediaProbe(MediaLimits.defaults()),
                                new FileBlobStore(dir.resolve("blobs")),
                                4 << 20,
                                broker.bootstrapServers(),
                                Map.of());
                        TopicTail<GenericRecord> outputs = new TopicTail<>(
                                broker.bootstrapServers(),
                                Map.of(),
                                List.of(topics.ocr().name(), topics.deadLetter().name()),
                                new GenericRecordDeserializer(client))) {
                    for (int burst = 0; burst < bursts; burst++) {
                        results.add(burst(montage, metricsPort, sender, outputs, images, jpegs, burst));
                    }
                }
                return results;
            } finally {
                montage.destroy();
                montage.waitFor();
            }
        }
    }

    private static Burst burst(
            Process montage,
            int metricsPort,
            MediaSender sender,
            TopicTail<GenericRecord> outputs,
            int images,
            byte[][] jpegs,
            int burst)
            throws Exception {
        AtomicLong peakRss = new AtomicLong();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        AtomicLong outsideJvm = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                long rss = rssKb(montage.pid()) << 10;
                peakRss.accumulateAndGet(rss >> 10, Math::max);
                long[] jvm = jvmMemory(metricsPort);
                peakHeap.accumulateAndGet(jvm[0], Math::max);
                committed.accumulateAndGet(jvm[1], Math::max);
                if (jvm[1] > 0) {
                    outsideJvm.accumulateAndGet(rss - jvm[1] - jvm[2], Math::max);
                }
                sleep(500);
            }
        });
        sampler.start();
        long start = System.nanoTime();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < images; i++) {
            sent.add(sender.send(
                            Path.of("burst-" + burst + "-" + i + ".jpg"), jpegs[i % jpegs.length], ContentKind.IMAGE)
                    .eventId());
        }
        sender.flush();
        Set<String> done = new HashSet<>();
        if (!outputs.pollUntil(
                () -> done.containsAll(sent),
                Duration.ofMinutes(20),
                r -> done.add(String.valueOf(r.value().get("eventId"))))) {
            throw new IllegalStateException(
                    "burst " + (burst + 1) + " did not drain in 20 minutes: " + done.size() + " of " + sent.size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long jvmNative = jvmNativeOutsideHeapBytes(montage.pid());
        sleep(10_000);
        sampling.set(false);
        sampler.join();
        return new Burst(
                peakRss.get() >> 10,
                peakHeap.get() >> 20,
                committed.get() >> 20,
                outsideJvm.get() >> 20,
                jvmNative >> 20,
                rssKb(montage.pid()) >> 10,
                seconds);
    }

    /** VmRSS of a process, in kB, from /proc (Linux). */
    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The JVM's committed native memory other than the heap and the pools Micrometer reports as
     * non-heap (metaspace, code cache), from Native Memory Tracking; 0 when jcmd cannot tell.
     */
    private static long jvmNativeOutsideHeapBytes(long pid) {
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(pid),
                            "VM.native_memory",
                            "summary",
                            "scale=KB")
                    .redirectErrorStream(true)
                    .start();
            String report = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            long total = committedKb(report, "Total:");
            long heap = committedKb(report, "- Java Heap");
            long metaspace = committedKb(report, "- Metaspace");
            long classes = committedKb(report, "- Class (");
            long code = committedKb(report, "- Code (");
            return total == 0 ? 0 : (total - heap - metaspace - code - classes) << 10;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static long committedKb(String report, String section) {
        return report.lines()
                .filter(line -> line.trim().replaceAll("\\s+", " ").startsWith(section))
                .findFirst()
                .map(line -> line.replaceAll(".*committed=(\\d+)KB.*", "$1"))
                .filter(value -> value.matches("\\d+"))
                .map(Long::parseLong)
                .orElse(0L);
    }

    /** Heap used, heap committed and non-heap committed, in bytes, from the process's Prometheus endpoint. */
    private static long[] jvmMemory(int port) {
        try {
            String body = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return new long[] {
                sum(body, "jvm_memory_used_bytes{area=\"heap\""),
                sum(body, "jvm_memory_committed_bytes{area=\"heap\""),
                sum(body, "jvm_memory_committed_bytes{area=\"nonheap\"")
            };
        } catch (IOException e) {
            return new long[] {0, 0, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {0, 0, 0};
        }
    }

    private static long sum(String metrics, String prefix) {
        return (long) metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void awaitLog(Path log, String line, Process process) throws Exception {
        try {
            Awaitility.await("Montage to log \"" + line + "\"")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || Files.readString(log).contains(line));
        } catch (ConditionTimeoutException e) {
            // reported below, with the log
        }
        if (!Files.readString(log).contains(line)) {
            throw new IllegalStateException("Montage did not start; its log:\n" + Files.readString(log));
        }
    }

    private static long averageKb(byte[][] images) {
        long total = 0;
        for (byte[] image : images) {
            total += image.length;
        }
        return total / images.length / 1024;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
