package io.montage.models.search.bench;

import io.montage.models.search.ExactVectorIndex;
import io.montage.models.search.HnswParameters;
import io.montage.models.search.HnswVectorIndex;
import io.montage.models.search.SearchHit;
import io.montage.models.search.SentenceLikeVectors;
import io.montage.models.vectors.UnitLength;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;

/**
 * HNSW against exact search on sentence-like 384-d vectors (see {@link SentenceLikeVectors} for why
 * not uniform noise): build time, the index's bytes per million vectors, recall@10 against exact
 * search and queries per CPU-second of both, one thread each. docs/search.md records a run.
 *
 * <p>Arguments: [vectors, default 1,000,000] [queries, default 1,000] [seed, default 1]. Give the JVM
 * about 6 GB of heap per million vectors (the HNSW index, Lucene's indexing buffer while it
 * flushes, and the exact index side by side).
 */
public final class VectorSearchBenchmark {

    private static final int DIMENSION = 384;
    private static final int K = 10;
    /** Vectors per topic: ten thousand topics for a million texts. */
    private static final int TEXTS_PER_TOPIC = 100;
    /** Lucene's largest per-thread buffer, so the build flushes one segment and one graph. */
    private static final int BUFFER_MEGABYTES = 1_900;

    private static final int[] CANDIDATES = {10, 50, 100, 200};

    private VectorSearchBenchmark() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        SentenceLikeVectors vectors = new SentenceLikeVectors(DIMENSION, Math.max(1, count / TEXTS_PER_TOPIC), seed);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < queryCount; q++) {
            queries.add(vectors.vector(count + (long) q));
        }
        System.out.printf(
                Locale.ROOT,
                "%,d sentence-like %d-d vectors in %,d topics, %,d queries; mean cosine of random pairs %.3f%n",
                count,
                DIMENSION,
                Math.max(1, count / TEXTS_PER_TOPIC),
                queryCount,
                meanRandomCosine(vectors, count, seed));

        HnswParameters parameters = HnswParameters.defaults().withBufferMegabytes(BUFFER_MEGABYTES);
        long heapBefore = usedHeapAfterGc();
        try (HnswVectorIndex hnsw = HnswVectorIndex.inMemory(DIMENSION, parameters)) {
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            for (int i = 0; i < count; i++) {
                hnsw.add("v" + i, vectors.vector(i));
                if ((i + 1) % 50_000 == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "  added %,d in %.0f s, %.0f CPU-s%n",
                            i + 1,
                            seconds(start),
                            (cpuNanos() - cpuStart) / 1e9);
                }
            }
            int size = hnsw.size(); // flushes the buffer: the graph is complete once this returns
            double buildSeconds = seconds(start);
            double buildCpuSeconds = (cpuNanos() - cpuStart) / 1e9;
            long stored = hnsw.storedBytes();
            long heap = usedHeapAfterGc() - heapBefore;
            System.out.printf(
                    Locale.ROOT,
                    "HNSW (M %d, efConstruction %d): built %,d vectors in %.1f s, %.1f CPU-s of this thread"
                            + " (%,.0f vectors per CPU-s, %d segment(s))%n",
                    parameters.maxConnections(),
                    parameters.beamWidth(),
                    size,
                    buildSeconds,
                    buildCpuSeconds,
                    size / buildCpuSeconds,
                    hnsw.segments());
            System.out.printf(
                    Locale.ROOT,
                    "  index files %,d bytes = %.0f MB per million vectors (raw float32 vectors alone: %.0f MB);"
                            + " heap after GC +%.0f MB per million%n",
                    stored,
                    perMillion(stored, size),
                    perMillion((long) size * DIMENSION * Float.BYTES, size),
                    perMillion(heap, size));

            long exactHeapBefore = usedHeapAfterGc();
            try (ExactVectorIndex exact = new ExactVectorIndex(DIMENSION)) {
                long exactStart = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    exact.add("v" + i, vectors.vector(i));
                }
                System.out.printf(
                        Locale.ROOT,
                        "exact: held %,d vectors after %.1f s; heap after GC +%.0f MB per million%n",
                        exact.size(),
                        seconds(exactStart),
                        perMillion(usedHeapAfterGc() - exactHeapBefore, exact.size()));
                List<Set<String>> truth = new ArrayList<>();
                long searchStart = cpuNanos();
                double topSimilarity = 0;
                double tenthSimilarity = 0;
                for (float[] query : queries) {
                    List<SearchHit> hits = exact.search(query, K);
                    truth.add(ids(hits));
                    topSimilarity += hits.get(0).similarity();
                    tenthSimilarity += hits.get(hits.size() - 1).similarity();
                }
                System.out.printf(
                        Locale.ROOT,
                        "exact: %.1f queries per CPU-s; mean cosine of the nearest %.3f, of the tenth nearest %.3f%n",
                        queryCount / ((cpuNanos() - searchStart) / 1e9),
                        topSimilarity / queryCount,
                        tenthSimilarity / queryCount);

                for (int candidates : CANDIDATES) {
                    measureHnsw(hnsw, queries, truth, candidates);
                }
            }
        }
    }

    private static void measureHnsw(
            HnswVectorIndex hnsw, List<float[]> queries, List<Set<String>> truth, int candidates) {
        for (int q = 0; q < Math.min(200, queries.size()); q++) {
            hnsw.search(queries.get(q), K, candidates); // warm-up, so the JIT has compiled the search
        }
        int found = 0;
        long start = cpuNanos();
        for (int q = 0; q < queries.size(); q++) {
            Set<String> approximate = ids(hnsw.search(queries.get(q), K, candidates));
            approximate.retainAll(truth.get(q));
            found += approximate.size();
        }
        double elapsed = (cpuNanos() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "HNSW, %d candidates: recall@10 %.4f, %.0f queries per CPU-s%n",
                candidates,
                found / (double) (queries.size() * K),
                queries.size() / elapsed);
    }

    private static double meanRandomCosine(SentenceLikeVectors vectors, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        int pairs = 2_000;
        for (int p = 0; p < pairs; p++) {
            float[] a = UnitLength.of(vectors.vector(random.nextInt(count)));
            float[] b = UnitLength.of(vectors.vector(random.nextInt(count)));
            sum += VectorUtil.dotProduct(a, b);
        }
        return sum / pairs;
    }

    private static Set<String> ids(List<SearchHit> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double perMillion(long bytes, int vectors) {
        return bytes / (double) vectors; // bytes per vector = MB per million vectors
    }

    /**
     * CPU time of this thread: on a machine shared with other work, wall-clock rates measure the
     * neighbours as much as the index. Lucene builds and searches in the calling thread.
     */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
