package io.montage.tests.bench;

import io.montage.topology.config.MontageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GPU check (bench/gpu-check.sh): on a device, the fp32 MiniLM's embeddings/s at batch 32 against
 * batch 1 — how much a GPU gains from batching — and the text-embedding pipeline through Kafka
 * against the same embedder in-process. Not a test.
 */
public final class GpuCheck {

    private static final String FP32_MINILM = "all-minilm-l6-v2";

    private GpuCheck() {}

    public static void main(String[] args) throws Exception {
        String device = args.length > 0 ? args[0] : "cuda";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> texts = TextEmbeddingThroughput.texts(count);
        double one =
                TextEmbeddingThroughput.inProcessRun(texts.subList(0, Math.min(count, 500)), FP32_MINILM, device, 1);
        double thirtyTwo = TextEmbeddingThroughput.inProcessRun(texts, FP32_MINILM, device, 32);
        System.out.printf(
                Locale.ROOT,
                "%s MiniLM fp32 in-process: batch 1 %.0f/s, batch 32 %.0f/s, batch 32 / batch 1 " + "%.1f%n",
                device,
                one,
                thirtyTwo,
                thirtyTwo / one);
        Path dir = Files.createTempDirectory("montage-gpu-check");
        TextEmbeddingThroughput.Result pipeline = TextEmbeddingThroughput.measure(
                dir,
                count,
                Map.of(
                        MontageConfig.DEVICE,
                        device,
                        MontageConfig.TEXT_EMBEDDING_MODEL,
                        FP32_MINILM,
                        "montage.stage.text-embed.batch.max-size",
                        "32"));
        System.out.printf(
                Locale.ROOT,
                "%s pipeline: through Kafka %.0f/s, in-process batch 32 %.0f/s, ratio %.2f; "
                        + "model batch sizes %s%n",
                device,
                pipeline.pipelinePerSecond(),
                pipeline.inProcessPerSecond(),
                pipeline.ratio(),
                pipeline.batchSizes());
    }
}
