package io.montage.tests.bench;

import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.processors.text.TextEmbeddingStage;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.TopicTail;
import io.montage.topology.wiring.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * A model whose cost per call hardly grows with the batch (a GPU's shape) through the text-embed
 * stage: under a backlog Montage must fill its batches and keep the model busy. Compared with the
 * model's own best batched throughput, called in-process.
 */
final class GpuShapedThroughput {

    record Result(
            double bestInProcessPerSecond,
            int bestBatch,
            double pipelinePerSecond,
            Map<Integer, Integer> batchSizes,
            Map<Integer, Double> inProcessByBatch) {
        double ratio() {
            return pipelinePerSecond / bestInProcessPerSecond;
        }

        double shareInBatchesOfAtLeast(int size) {
            int total = batchSizes.values().stream().mapToInt(Integer::intValue).sum();
            int large = batchSizes.entrySet().stream()
                    .filter(e -> e.getKey() >= size)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            return total == 0 ? 0 : (double) large / total;
        }
    }

    private GpuShapedThroughput() {}

    static Result measure(Path dir, int count, Map<String, String> settings) throws Exception {
        Path onnx = dir.resolve("flat-cost-64.onnx");
        Files.createDirectories(dir);
        try (var in = GpuShapedThroughput.class.getResourceAsStream("/bench/flat-cost-64.onnx")) {
            Files.copy(in, onnx);
        }
        try (FlatCostEmbedder model = new FlatCostEmbedder(
                new ModelRuntime(RuntimeSettings.cpu()),
                onnx,
                BatchingConfig.defaults().withMaxBatchSize(64))) {
            Map<Integer, Double> byBatch = new TreeMap<>();
            for (int batch : new int[] {1, 8, 16, 32, 64}) {
                byBatch.put(batch, inProcess(model, batch));
            }
            Map.Entry<Integer, Double> best = byBatch.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow();
            Map<String, String> all = new HashMap<>(settings);
            all.put("montage.stage.text-embed.batch.max-size", "64");
            Stages stages = Stages.none()
                    .withTextEmbedding(
                            new TextEmbeddingStage(model, new ModelRef(FlatCostEmbedder.MODEL_ID, null, "cpu")));
            Map<Integer, Integer> sizes = new TreeMap<>();
            double pipeline;
            try (RunningMontage montage = RunningMontage.start(dir.resolve("montage"), all, stages);
                    TopicTail<GenericRecord> outputs = new TopicTail<>(
                            montage.app.bootstrapServers(),
                            Map.of(),
                            List.of(montage.app.topics().embeddings().name()),
                            new TimingsReader(montage.app.registryClient()));
                    Backlog backlog = new Backlog(montage.app.bootstrapServers())) {
                OutputReader reader = new OutputReader(outputs);
                send(backlog, montage, "warm", count / 4);
                reader.readUntil(count / 4, output -> {});
                long start = System.nanoTime();
                send(backlog, montage, "run", count);
                reader.readUntil(
                        count / 4 + count, output -> sizes.merge(OutputReader.batchSize(output), 1, Integer::sum));
                pipeline = count / ((System.nanoTime() - start) / 1e9);
            }
            return new Result(best.getValue(), best.getKey(), pipeline, sizes, byBatch);
        }
    }

    /** Rows per second of the model called directly with batches of {@code batch} rows; the best of 5 calls. */
    private static double inProcess(FlatCostEmbedder model, int batch) throws Exception {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            rows.add(FlatCostEmbedder.row("frame " + i + " of a live stream"));
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            FlatCostEmbedder.run(model.session(), rows);
            best = Math.min(best, System.nanoTime() - start);
        }
        return batch / (best / 1e9);
    }

    private static void send(Backlog backlog, RunningMontage montage, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            backlog.send(
                    montage.app.topics().texts(),
                    id,
                    TextEvent.newBuilder()
                            .setEventId(id)
                            .setKind(TextKind.CAPTION)
                            .setText("frame " + i + " of a live stream")
                            .build());
        }
        backlog.flush();
    }
}
