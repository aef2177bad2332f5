package io.montage.models.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall of the HNSW index against exact search, and its on-disk form. */
class HnswVectorIndexTest {

    private static final int K = 10;

    /**
     * Searching with only k candidates shows the graph itself: on 3,000 sentence-like 384-d vectors it
     * finds 0.96 of the true ten nearest (seed 7), 0.998 with 20 candidates, 1.0 with the default 100.
     */
    @Test
    void theGraphAloneFindsNearlyAllOfTheTrueTenNearestSentenceLikeVectors() {
        SentenceLikeVectors vectors = new SentenceLikeVectors(384, 60, 7);
        HnswParameters graphOnly = HnswParameters.defaults().withCandidates(K);
        assertThat(recallAt10(graphOnly, 3_000, 200, vectors::vector, 384)).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Uniform noise is HNSW's hardest case, with no structure to navigate by: on 3,000 64-d Gaussian
     * vectors k candidates find 0.58 of the true ten nearest, the default 100 find 0.99.
     */
    @Test
    void theDefaultCandidatesFindNearlyAllOfTheTrueTenNearestUniformNoise() {
        double recall = recallAt10(
                HnswParameters.defaults(), 3_000, 200, i -> gaussian(new SplittableRandom(1000 + i), 64), 64);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void reopensFromDiskWithWhatItHeld(@TempDir Path folder) {
        try (VectorIndex index = HnswVectorIndex.onDisk(folder, 8, HnswParameters.defaults())) {
            index.add("kept", new float[] {1, 0, 0, 0, 0, 0, 0, 0});
            index.add("removed", new float[] {0, 1, 0, 0, 0, 0, 0, 0});
            index.remove("removed");
        }
        try (VectorIndex index = HnswVectorIndex.onDisk(folder, 8, HnswParameters.defaults())) {
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.search(new float[] {0, 1, 0, 0, 0, 0, 0, 0}, 5))
                    .extracting(SearchHit::id)
                    .containsExactly("kept");
        }
    }

    @Test
    void aFolderOfAnotherDimensionIsRefusedWhenOpened(@TempDir Path folder) {
        try (VectorIndex index = HnswVectorIndex.onDisk(folder, 8, HnswParameters.defaults())) {
            index.add("a", new float[] {1, 0, 0, 0, 0, 0, 0, 0});
        }
        assertThatThrownBy(() -> HnswVectorIndex.onDisk(folder, 384, HnswParameters.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 8-dimensional vectors, not 384")
                .hasMessageContaining("use a new folder");
    }

    @Test
    void parametersOutsideLucenesLimitsAreRefused() {
        assertThatThrownBy(() -> new HnswParameters(0, 100, 100, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections is 0; choose a value from 1 to 512");
    }

    /** Mean share of the exact ten nearest that HNSW returns, over queries drawn like the vectors. */
    static double recallAt10(
            HnswParameters parameters,
            int count,
            int queries,
            java.util.function.LongFunction<float[]> vector,
            int dimension) {
        try (HnswVectorIndex hnsw = HnswVectorIndex.inMemory(dimension, parameters);
                ExactVectorIndex exact = new ExactVectorIndex(dimension)) {
            for (int i = 0; i < count; i++) {
                float[] v = vector.apply(i);
                hnsw.add("v" + i, v);
                exact.add("v" + i, v);
            }
            int found = 0;
            for (int q = 0; q < queries; q++) {
                float[] query = vector.apply(count + q);
                Set<String> truth = ids(exact.search(query, K));
                Set<String> approximate = ids(hnsw.search(query, K));
                approximate.retainAll(truth);
                found += approximate.size();
            }
            return found / (double) (queries * K);
        }
    }

    private static Set<String> ids(List<SearchHit> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    private static float[] gaussian(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }
}
