package io.montage.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentenceTransformerEmbedderTest {

    static final List<String> SENTENCES = List.of(
            "A cat sits on the mat.",
            "The quarterly report shows revenue grew by twelve percent.",
            "Kafka Streams processes records one at a time.",
            "She plays the violin in the city orchestra.",
            "Heavy rain is expected across the north tomorrow.",
            "How do I reset my password?",
            "The recipe needs two eggs, flour and a pinch of salt.",
            "Neural networks learn representations from data.",
            "The train to Paris leaves at 9:15 from platform 4.",
            "Photosynthesis converts light into chemical energy.",
            "He scored the winning goal in the final minute!",
            "Please turn off the lights when you leave.",
            "An ONNX model can run on CPUs and GPUs.",
            "The museum opens a new exhibition of Impressionist paintings.",
            "Our servers were down for twenty minutes last night.",
            "Dogs are loyal companions.",
            "Tokyo is the capital of Japan.",
            "I would like a large coffee with oat milk, please.",
            "The quick brown fox jumps over the lazy dog.",
            "Ünïcödé, emojis 🚀 and punctuation — all tokenised.");

    private static Path cache;
    private static SentenceTransformerEmbedder embedder;
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void load() throws Exception {
        cache = Files.createTempDirectory("montage-models-test");
        var store = ModelStore.builder().cacheDirectory(cache).offline(true).build();
        embedder = SentenceTransformerEmbedder.builder()
                .files(store.pull(SentenceTransformerEmbedder.DEFAULT_MODEL_ID))
                .runtime(new ModelRuntime(RuntimeSettings.cpu().withThreads(2, 1)))
                .batching(BatchingConfig.defaults().withMaxQueueDelay(Duration.ofMillis(2)))
                .meterRegistry(REGISTRY)
                .build();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void vectorsMatchLangchain4jsOwnEmbeddingModel() {
        var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        List<float[]> ours = embedder.embedAll(SENTENCES);
        double worst = 1;
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] theirs = reference.embed(SENTENCES.get(i)).content().vector();
            double cosine = cosine(ours.get(i), theirs);
            worst = Math.min(worst, cosine);
            assertThat(cosine).as(SENTENCES.get(i)).isGreaterThanOrEqualTo(0.9999);
        }
        System.out.printf("cosine(montage, langchain4j) over %d sentences: min %.7f%n", SENTENCES.size(), worst);
    }

    @Test
    void vectorsAreUnitLengthWith384Dimensions() {
        float[] v = embedder.embed("unit length please");
        assertThat(v).hasSize(384);
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void paraphrasesRankAboveUnrelatedSentences() {
        String[][] pairs = {
            {"How do I reset my password?", "I forgot my password and need to change it."},
            {"A man is playing a guitar on stage.", "A musician performs a song with his guitar."},
            {"The stock market fell sharply today.", "Share prices dropped steeply this afternoon."}
        };
        for (String[] pair : pairs) {
            double paraphrase = cosine(embedder.embed(pair[0]), embedder.embed(pair[1]));
            for (String[] other : pairs) {
                if (other != pair) {
                    assertThat(paraphrase)
                            .as("%s ~ %s vs %s", pair[0], pair[1], other[1])
                            .isGreaterThan(cosine(embedder.embed(pair[0]), embedder.embed(other[1])) + 0.2);
                }
            }
        }
    }

    @Test
    void batchedResultsEqualOneAtATimeResults() throws Exception {
        List<float[]> batched = embedder.embedAll(SENTENCES);
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] single = embedder.embed(SENTENCES.get(i));
            for (int d = 0; d < single.length; d++) {
                assertThat(batched.get(i)[d]).isCloseTo(single[d], within(1e-5f));
            }
        }
    }

    @Test
    void theInt8ModelRunsEachItemAloneOnSingleThreadedWorkersSideBySide() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<float[]>>();
            for (int round = 0; round < 4; round++) {
                for (String s : SENTENCES) {
                    futures.add(pool.submit(() -> embedder.embed(s)));
                }
            }
            futures.add(pool.submit(() -> embedder.embedAll(SENTENCES).get(0)));
            for (int i = 0; i < futures.size(); i++) {
                float[] expected = embedder.embed(SENTENCES.get(i % SENTENCES.size()));
                assertThat(cosine(futures.get(i).get(), expected)).isGreaterThan(0.99999);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(REGISTRY.get("montage.model.batch.size")
                        .tag("model", "all-minilm-l6-v2-q")
                        .summary()
                        .max())
                .as("per item: one text per model call")
                .isEqualTo(1);
        assertThat(embedder.task().session().threadsPerRun()).isEqualTo(1);
    }

    @Test
    void concurrentCallersOfAPaddedModelAreBatchedTogether() throws Exception {
        var store = ModelStore.builder().cacheDirectory(cache).offline(true).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (var padded = SentenceTransformerEmbedder.builder()
                .files(store.resolve(SentenceTransformerEmbedder.DEFAULT_MODEL_ID))
                .batchExecution(BatchExecution.PADDED)
                .meterRegistry(registry)
                .build()) {
            var futures = new ArrayList<Future<float[]>>();
            for (int round = 0; round < 4; round++) {
                for (String s : SENTENCES) {
                    futures.add(pool.submit(() -> padded.embed(s)));
                }
            }
            for (Future<float[]> future : futures) {
                assertThat(future.get()).hasSize(384);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.get("montage.model.batch.size")
                        .tag("model", "all-minilm-l6-v2-q")
                        .summary()
                        .max())
                .isGreaterThan(1);
    }

    @Test
    void theInt8ModelRunsPerItemBecauseItsActivationScalesSpanTheBatch() throws Exception {
        assertThat(embedder.task().execution()).isEqualTo(BatchExecution.PER_ITEM);
        var store = ModelStore.builder().cacheDirectory(cache).offline(true).build();
        try (var padded = SentenceTransformerEmbedder.builder()
                .files(store.resolve(SentenceTransformerEmbedder.DEFAULT_MODEL_ID))
                .batchExecution(BatchExecution.PADDED)
                .meterRegistry(new SimpleMeterRegistry())
                .build()) {
            EmbeddingTask task = padded.task();
            String text = SENTENCES.get(0);
            float[] alone =
                    task.finish(text, task.run(List.of(task.prepare(text))).get(0));
            float[] withLongerCompanion = task.finish(
                    text,
                    task.run(List.of(task.prepare(text), task.prepare(SENTENCES.get(1))))
                            .get(0));
            double similarity = cosine(alone, withLongerCompanion);
            System.out.printf("int8 model, padded batch vs single: cosine %.7f%n", similarity);
            assertThat(similarity)
                    .as("padding is masked, so the vector stays close")
                    .isGreaterThan(0.99);
            assertThat(similarity)
                    .as("but not equal: dynamic quantisation depends on the batch")
                    .isLessThan(0.99999);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * (double) x;
        }
        return Math.sqrt(s);
    }
}
