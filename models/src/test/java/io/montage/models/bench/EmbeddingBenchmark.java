package io.montage.models.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.store.ModelStore;
import io.montage.models.text.BatchExecution;
import io.montage.models.text.EmbeddingTask;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.models.text.TokenizedText;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeddings per second of the default text embedder at batch sizes 1, 8 and 32: through the
 * DynamicBatcher, by direct ONNX Runtime calls with the same batches (the batcher's overhead), and
 * langchain4j's own AllMiniLmL6V2QuantizedEmbeddingModel on the same sentences. Single caller thread:
 * this measures per-request cost, not how many requests concurrent stream threads put in one batch.
 *
 * <p>Run from the repository root (langchain4j is on the module's classpath already):
 * <pre>
 * mvn -q -B -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat models/target/cp.txt):models/target/classes:models/target/test-classes" io.montage.models.bench.EmbeddingBenchmark [rounds]
 * </pre>
 */
public final class EmbeddingBenchmark {

    private static final int[] BATCH_SIZES = {1, 8, 32};
    private static final String[] SUBJECTS = {
        "The cat",
        "Our new intern",
        "A delayed train",
        "The quarterly report",
        "An old lighthouse",
        "The football team",
        "A tiny robot",
        "The city council"
    };
    private static final String[] VERBS = {
        "quietly watched", "completely rewrote", "was surprised by", "argued about", "celebrated", "ignored"
    };
    private static final String[] OBJECTS = {
        "the rain",
        "a long list of unresolved customer complaints from last winter",
        "the budget",
        "an unexpected visitor at the door",
        "the final match of the season",
        "three kinds of bread"
    };

    /** -Dmontage.bench.workers=N: batcher workers (1 = one model call at a time, the default). */
    private static final int WORKERS = Integer.getInteger("montage.bench.workers", 1);
    /** -Dmontage.bench.intra-op-threads=N: ONNX Runtime threads per call (0 = its default, all cores). */
    private static final int INTRA_OP_THREADS = Integer.getInteger("montage.bench.intra-op-threads", 0);

    private EmbeddingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> sentences = sentences(256);
        Path cache = Files.createTempDirectory("montage-bench");
        ModelFiles files = ModelStore.builder()
                .cacheDirectory(cache)
                .offline(true)
                .build()
                .pull(SentenceTransformerEmbedder.DEFAULT_MODEL_ID);
        System.out.printf(
                Locale.ROOT,
                "%d sentences, %d timed rounds each, %d CPUs, %d batcher workers, %d intra-op threads%n",
                sentences.size(),
                rounds,
                Runtime.getRuntime().availableProcessors(),
                WORKERS,
                INTRA_OP_THREADS);
        Object langchain4j = langchain4jModel();
        List<Object> segments = segments(sentences);
        for (BatchExecution execution : BatchExecution.values()) {
            for (int batch : BATCH_SIZES) {
                var config = BatchingConfig.defaults()
                        .withMaxBatchSize(batch)
                        .withMaxQueueDelay(Duration.ofMillis(1))
                        .withQueueCapacity(Math.max(batch, 64))
                        .withWorkers(WORKERS);
                try (var embedder = SentenceTransformerEmbedder.builder()
                        .files(files)
                        .batching(config)
                        .batchExecution(execution)
                        .runtime(new ModelRuntime(RuntimeSettings.cpu().withThreads(INTRA_OP_THREADS, 1)))
                        .meterRegistry(new SimpleMeterRegistry())
                        .build()) {
                    Runnable viaBatcher = () -> chunks(sentences, batch).forEach(embedder::embedAll);
                    Runnable direct = () -> chunks(sentences, batch).forEach(c -> direct(embedder.task(), c));
                    Runnable reference = () -> langchain4jEmbedAll(langchain4j, segments);
                    boolean compare = execution == BatchExecution.PER_ITEM && batch == 32;
                    double[] rates = interleaved(
                            rounds,
                            sentences.size(),
                            compare ? List.of(viaBatcher, direct, reference) : List.of(viaBatcher, direct));
                    System.out.printf(
                            Locale.ROOT,
                            "%-8s batch %2d: batcher %6.1f emb/s, direct ORT %6.1f emb/s, batcher overhead %+5.1f%%%n",
                            execution,
                            batch,
                            rates[0],
                            rates[1],
                            100 * (rates[1] / rates[0] - 1));
                    if (compare) {
                        System.out.printf(
                                Locale.ROOT,
                                "langchain4j embedAll %6.1f emb/s; Montage default (per-item, batch 32) / langchain4j = %.2f%n",
                                rates[2],
                                rates[0] / rates[2]);
                    }
                }
            }
        }
    }

    private static void direct(EmbeddingTask task, List<String> chunk) {
        try {
            var prepared = new ArrayList<TokenizedText>(chunk.size());
            for (String s : chunk) {
                prepared.add(task.prepare(s));
            }
            List<float[]> raw = task.run(prepared);
            for (int i = 0; i < chunk.size(); i++) {
                task.finish(chunk.get(i), raw.get(i));
            }
        } catch (Exception e) {
            throw new IllegalStateException("direct run failed: " + e.getMessage(), e);
        }
    }

    /** langchain4j's model through reflection, so the library's main code never depends on it. */
    private static Object langchain4jModel() throws ReflectiveOperationException {
        return Class.forName("dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel")
                .getConstructor()
                .newInstance();
    }

    private static List<Object> segments(List<String> sentences) throws ReflectiveOperationException {
        Method from = Class.forName("dev.langchain4j.data.segment.TextSegment").getMethod("from", String.class);
        var segments = new ArrayList<Object>();
        for (String s : sentences) {
            segments.add(from.invoke(null, s));
        }
        return segments;
    }

    private static void langchain4jEmbedAll(Object model, List<Object> segments) {
        try {
            model.getClass().getMethod("embedAll", List.class).invoke(model, segments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("langchain4j embedAll failed: " + e, e);
        }
    }

    /**
     * Items per second of each workload's fastest round. Rounds alternate between the workloads (after
     * one untimed warm-up each) so that load from other processes on a shared machine hits all alike.
     */
    private static double[] interleaved(int rounds, int items, List<Runnable> workloads) {
        workloads.forEach(Runnable::run);
        long[] best = new long[workloads.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < workloads.size(); w++) {
                long start = System.nanoTime();
                workloads.get(w).run();
                best[w] = Math.min(best[w], System.nanoTime() - start);
            }
        }
        double[] rates = new double[best.length];
        for (int w = 0; w < best.length; w++) {
            rates[w] = items / (best[w] / 1e9);
        }
        return rates;
    }

    private static List<List<String>> chunks(List<String> items, int size) {
        var chunks = new ArrayList<List<String>>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }

    private static List<String> sentences(int count) {
        var out = new ArrayList<String>(count);
        for (int i = 0; out.size() < count; i++) {
            out.add(SUBJECTS[i % SUBJECTS.length] + " " + VERBS[(i / 3) % VERBS.length] + " "
                    + OBJECTS[(i / 7) % OBJECTS.length] + (i % 5 == 0 ? ", and nobody could explain why." : "."));
        }
        return out;
    }
}
