package io.montage.tests.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Throughput and latency through Kafka against the same models in-process, side by side in one run.
 * Not a test; docs/stages-and-batching.md explains the sections and what was measured with them.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -pl tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat tests/target/cp.txt):tests/target/test-classes" io.montage.tests.bench.PipelineBenchmark [KEY=VALUE ...]
 * </pre>
 *
 * {@code KEY=VALUE} arguments are Montage settings for every section; {@code -Dmontage.bench.sections=}
 * picks sections among text, ocr, gpu and latency.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("montage-pipeline-bench");
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        Set<String> sections = Set.of(System.getProperty("montage.bench.sections", "text,ocr,gpu,latency")
                .split(","));
        System.out.printf(
                Locale.ROOT,
                "%d cores, load average %.2f, settings %s%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                settings);
        if (sections.contains("text")) {
            text(dir.resolve("text"), settings);
        }
        if (sections.contains("ocr")) {
            ocr(dir.resolve("ocr"), settings);
        }
        if (sections.contains("gpu")) {
            gpuShaped(dir.resolve("gpu-shaped"), settings);
        }
        if (sections.contains("latency")) {
            latency(dir.resolve("latency"), settings);
        }
    }

    private static void text(Path dir, Map<String, String> settings) throws Exception {
        TextEmbeddingThroughput.Result text = TextEmbeddingThroughput.measure(dir, 2000, settings);
        System.out.printf(
                Locale.ROOT,
                "text embeddings: %d texts, in-process batch 32: %.0f/s, through Kafka: %.0f/s, "
                        + "ratio %.2f (target >= 0.90); model calls ran %.0f%% of the wall time, summed over workers; model "
                        + "batch sizes %s%n",
                text.texts(),
                text.inProcessPerSecond(),
                text.pipelinePerSecond(),
                text.ratio(),
                100 * text.modelBusy(),
                text.batchSizes());
        System.out.println("  CPU by thread group: " + text.cpu());
    }

    private static void ocr(Path dir, Map<String, String> settings) throws Exception {
        OcrThroughput.Result ocr = OcrThroughput.measure(dir, 20, settings);
        System.out.printf(
                Locale.ROOT,
                "OCR: %d one-line 640x480 images, in-process %.0f ms/image, through Kafka (probe "
                        + "+ OCR) %.0f ms/image once full (%.0f ms/image counting fill and last commit), ratio %.2f (target <= "
                        + "1.15)%n",
                ocr.images(),
                ocr.inProcessMillis(),
                ocr.steadyPipelineMillis(),
                ocr.pipelineMillis(),
                ocr.ratio());
    }

    private static void gpuShaped(Path dir, Map<String, String> settings) throws Exception {
        GpuShapedThroughput.Result gpu = GpuShapedThroughput.measure(dir, 4000, settings);
        Map<Integer, Long> byBatch = new TreeMap<>();
        gpu.inProcessByBatch().forEach((batch, perSecond) -> byBatch.put(batch, Math.round(perSecond)));
        System.out.printf(
                Locale.ROOT,
                "GPU-shaped model (same cost per call up to 64 rows, on one core): in-process "
                        + "rows/s by batch %s, best %.0f/s at %d; through Kafka %.0f/s, ratio %.2f (target >= 0.80); %.0f%% of "
                        + "records in batches of 32 or more (target: batches >= 32); batch sizes %s%n",
                byBatch,
                gpu.bestInProcessPerSecond(),
                gpu.bestBatch(),
                gpu.pipelinePerSecond(),
                gpu.ratio(),
                100 * gpu.shareInBatchesOfAtLeast(32),
                gpu.batchSizes());
    }

    private static void latency(Path dir, Map<String, String> settings) throws Exception {
        OcrLatencyUnderBacklog.Result latency = OcrLatencyUnderBacklog.measure(dir, 60, 2.0, 300, settings);
        System.out.printf(
                Locale.ROOT,
                "OCR latency, %d one-line images at 2/s: alone p50 %.0f ms p99 %.0f ms; while "
                        + "the caption stage (tiny model slowed to 150 ms/image) works through %d queued images: p50 %.0f ms "
                        + "p99 %.0f ms; p99 ratio %.2f (target <= 1.20)%n",
                latency.images(),
                latency.alone().getValueAtPercentile(50) / 1000.0,
                latency.alone().getValueAtPercentile(99) / 1000.0,
                latency.backlog(),
                latency.withCaptionBacklog().getValueAtPercentile(50) / 1000.0,
                latency.withCaptionBacklog().getValueAtPercentile(99) / 1000.0,
                latency.p99Ratio());
    }
}
