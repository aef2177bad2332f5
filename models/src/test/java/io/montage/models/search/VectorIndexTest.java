package io.montage.models.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.montage.models.vectors.UnitLength;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What both indexes promise, HNSW and exact alike. */
class VectorIndexTest {

    private static final int DIMENSION = 16;

    static Stream<Arguments> indexes() {
        IntFunction<VectorIndex> exact = ExactVectorIndex::new;
        IntFunction<VectorIndex> hnsw = dimension -> HnswVectorIndex.inMemory(dimension, HnswParameters.defaults());
        return Stream.of(Arguments.of("exact", exact), Arguments.of("hnsw", hnsw));
    }

    private static float[] axis(int axis, float length) {
        float[] v = new float[DIMENSION];
        v[axis] = length;
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void returnsTheNearestIdsMostSimilarFirstWithTheirCosines(String name, IntFunction<VectorIndex> open) {
        try (VectorIndex index = open.apply(DIMENSION)) {
            index.add("x", axis(0, 3));
            index.add("y", axis(1, 1));
            float[] between = axis(0, 1);
            between[1] = 1;
            index.add("xy", between);

            List<SearchHit> hits = index.search(axis(0, 0.5f), 3);

            assertThat(hits).extracting(SearchHit::id).containsExactly("x", "xy", "y");
            assertThat(hits.get(0).similarity()).isCloseTo(1f, offset(1e-5f));
            assertThat(hits.get(1).similarity()).isCloseTo((float) Math.sqrt(0.5), offset(1e-5f));
            assertThat(hits.get(2).similarity()).isCloseTo(0f, offset(1e-5f));
            assertThat(hits.get(2).distance()).isCloseTo(1f, offset(1e-5f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void idsComeBackAsTheyWentIn(String name, IntFunction<VectorIndex> open) {
        List<String> ids = List.of("evt-1/IMAGE", "événement ✓/TEXT/caption", "", "a:b c\td");
        try (VectorIndex index = open.apply(DIMENSION)) {
            for (int i = 0; i < ids.size(); i++) {
                index.add(ids.get(i), axis(i, 1));
            }
            for (int i = 0; i < ids.size(); i++) {
                assertThat(index.search(axis(i, 2), 1))
                        .extracting(SearchHit::id)
                        .containsExactly(ids.get(i));
            }
            assertThat(index.size()).isEqualTo(ids.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void givesBackTheUnitVectorOfAnId(String name, IntFunction<VectorIndex> open) {
        try (VectorIndex index = open.apply(DIMENSION)) {
            float[] vector = axis(0, 3);
            vector[1] = 4;
            index.add("a", vector);
            index.add("b", axis(2, 1));
            index.remove("b");

            assertThat(index.vector("a"))
                    .hasValueSatisfying(unit -> assertThat(unit).containsExactly(UnitLength.of(vector), offset(1e-6f)));
            assertThat(index.vector("b")).isEmpty();
            assertThat(index.vector("never added")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void aRemovedIdIsNeverFoundAgain(String name, IntFunction<VectorIndex> open) {
        try (VectorIndex index = open.apply(DIMENSION)) {
            for (int i = 0; i < DIMENSION; i++) {
                index.add("id" + i, axis(i, 1));
            }

            assertThat(index.remove("id3")).isTrue();
            assertThat(index.remove("id3")).isFalse();
            assertThat(index.remove("never added")).isFalse();

            assertThat(index.size()).isEqualTo(DIMENSION - 1);
            assertThat(index.search(axis(3, 1), DIMENSION))
                    .hasSize(DIMENSION - 1)
                    .extracting(SearchHit::id)
                    .doesNotContain("id3");
            assertThat(index.search(axis(DIMENSION - 1, 1), 1))
                    .extracting(SearchHit::id)
                    .containsExactly("id" + (DIMENSION - 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void addingAnIdAgainReplacesItsVector(String name, IntFunction<VectorIndex> open) {
        try (VectorIndex index = open.apply(DIMENSION)) {
            index.add("a", axis(0, 1));
            index.add("b", axis(1, 1));
            index.add("a", axis(2, 1));

            assertThat(index.size()).isEqualTo(2);
            assertThat(index.search(axis(2, 1), 1)).extracting(SearchHit::id).containsExactly("a");
            assertThat(index.search(axis(0, 1), 2))
                    .allSatisfy(hit -> assertThat(hit.similarity()).isLessThan(0.5f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void aVectorOfAnotherDimensionIsRefusedWithBothDimensions(String name, IntFunction<VectorIndex> open) {
        try (VectorIndex index = open.apply(DIMENSION)) {
            assertThatThrownBy(() -> index.add("clip-1", new float[512]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vector of id clip-1 has 512 dimensions")
                    .hasMessageContaining("holds 16-dimensional vectors")
                    .hasMessageContaining("one index per embedding model");
            assertThatThrownBy(() -> index.search(new float[384], 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("query has 384 dimensions");
            assertThat(index.size()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void vectorsWithoutADirectionAreRefused(String name, IntFunction<VectorIndex> open) {
        try (VectorIndex index = open.apply(DIMENSION)) {
            assertThatThrownBy(() -> index.add("zero", new float[DIMENSION]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("all zeros");
            float[] nan = axis(0, 1);
            nan[5] = Float.NaN;
            assertThatThrownBy(() -> index.add("nan", nan))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NaN");
            assertThatThrownBy(() -> index.search(axis(0, 1), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
        }
    }
}
