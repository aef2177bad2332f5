package io.montage.topology.search;

import static io.montage.topology.search.SearchFixtures.frame;
import static io.montage.topology.search.SearchFixtures.image;
import static io.montage.topology.search.SearchFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.search.HnswParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingSearchTest {

    private static final String MINILM = "all-minilm-l6-v2-q";
    private static final String CLIP = "clip-vit-base-patch32";

    @Test
    void nearAnEventAreOtherEventsComparedWithinEachModelsSpace() {
        try (EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults())) {
            search.add(text("dog", "CAPTION", MINILM, 1, 0, 0));
            search.add(image("dog", CLIP, 0, 0, 0, 1));
            search.add(text("puppy", "TRANSCRIPT", MINILM, 0.9f, 0.1f, 0));
            search.add(text("tax form", "OCR", MINILM, 0, 0, 1));
            // Same numbers as the dog's caption, but a CLIP vector: never compared with MiniLM ones.
            search.add(image("red square", CLIP, 1, 0, 0, 0));
            search.add(frame("clip of a dog", 12, CLIP, 0, 0, 0.1f, 1));

            List<Neighbour> hits = search.nearEvent("dog", 2).orElseThrow();

            assertThat(hits).extracting(h -> h.item().eventId()).containsExactly("clip of a dog", "puppy");
            assertThat(hits.get(0).item()).isEqualTo(new EmbeddedItem("clip of a dog", "VIDEO", null, 12L, CLIP));
            assertThat(hits.get(1).item().textKind()).isEqualTo("TRANSCRIPT");
            assertThat(hits.get(1).similarity()).isBetween(0.99f, 1f);
            assertThat(hits.get(1).distance()).isEqualTo(1 - hits.get(1).similarity());
            assertThat(search.nearEvent("never seen", 2)).isEmpty();
            assertThat(search.sizes()).containsEntry(MINILM, 3).containsEntry(CLIP, 3);
        }
    }

    @Test
    void aVectorWrittenAgainForTheSameItemReplacesTheOldOne() {
        try (EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults())) {
            search.add(text("a", "CAPTION", MINILM, 1, 0));
            search.add(text("a", "CAPTION", MINILM, 0, 1));
            search.add(text("a", "OCR", MINILM, 1, 1));

            assertThat(search.size()).isEqualTo(2);
            assertThat(search.nearVector(MINILM, new float[] {0, 1}, 1))
                    .singleElement()
                    .satisfies(hit -> {
                        assertThat(hit.item().textKind()).isEqualTo("CAPTION");
                        assertThat(hit.similarity()).isBetween(0.999f, 1f);
                    });
            assertThat(search.nearVector("a model never seen", new float[] {0, 1}, 1))
                    .isEmpty();
        }
    }

    @Test
    void aVectorOfAnotherDimensionThanItsModelsIsRefusedSayingSo() {
        try (EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults())) {
            search.add(text("a", "CAPTION", MINILM, 1, 0, 0));

            assertThatThrownBy(() -> search.add(text("b", "CAPTION", MINILM, 1, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 2 dimensions, but this index holds 3-dimensional vectors");
            assertThat(search.size()).isEqualTo(1);
        }
    }
}
