package io.montage.topology.search;

import io.montage.models.search.HnswParameters;
import io.montage.models.search.HnswVectorIndex;
import io.montage.models.search.SearchHit;
import io.montage.models.search.VectorIndex;
import io.montage.schemas.avro.Embedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nearest neighbours among the embeddings Montage wrote: one in-memory HNSW index per model (CLIP
 * image vectors and MiniLM text vectors live in different spaces and are never compared), and what
 * each indexed vector describes. Thread-safe: the indexer adds while HTTP requests search.
 */
public final class EmbeddingSearch implements AutoCloseable {

    private final HnswParameters parameters;
    private final Map<String, VectorIndex> byModel = new ConcurrentHashMap<>();
    private final Map<String, EmbeddedItem> items = new ConcurrentHashMap<>();
    private final Map<String, Set<EmbeddedItem>> byEvent = new ConcurrentHashMap<>();

    public EmbeddingSearch(HnswParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Indexes {@code embedding}, replacing what the same item (event, modality, text kind, frame) had.
     *
     * @throws IllegalArgumentException when its vector does not fit its model's index (another
     *     dimension than the model's earlier vectors, no direction, values that are not finite)
     */
    public void add(Embedding embedding) {
        EmbeddedItem item = EmbeddedItem.of(embedding);
        List<Float> values = embedding.getVector();
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        VectorIndex index =
                byModel.computeIfAbsent(item.model(), model -> HnswVectorIndex.inMemory(vector.length, parameters));
        index.add(item.indexId(), vector);
        items.put(item.indexId(), item);
        byEvent.computeIfAbsent(item.eventId(), id -> ConcurrentHashMap.newKeySet())
                .add(item);
    }

    /** How many vectors are indexed, over all models. */
    public int size() {
        return items.size();
    }

    /** The models with indexed vectors, and how many each has. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        byModel.forEach((model, index) -> sizes.put(model, index.size()));
        return sizes;
    }

    /**
     * The {@code k} items of other events nearest to any of {@code eventId}'s vectors, each compared
     * within its own model's space; empty when the event has no indexed vector.
     */
    public Optional<List<Neighbour>> nearEvent(String eventId, int k) {
        Set<EmbeddedItem> own = byEvent.get(eventId);
        if (own == null || own.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Neighbour> best = new java.util.HashMap<>();
        for (EmbeddedItem item : own) {
            VectorIndex index = byModel.get(item.model());
            Optional<float[]> vector = index.vector(item.indexId());
            if (vector.isEmpty()) {
                continue;
            }
            // Ask for enough to have k left once the event's own vectors in this space are dropped.
            for (Neighbour neighbour : neighbours(index, vector.get(), k + own.size())) {
                if (!neighbour.item().eventId().equals(eventId)) {
                    best.merge(
                            neighbour.item().indexId(), neighbour, (a, b) -> a.similarity() >= b.similarity() ? a : b);
                }
            }
        }
        List<Neighbour> sorted = new ArrayList<>(best.values());
        sorted.sort(Comparator.comparing(Neighbour::similarity).reversed());
        return Optional.of(List.copyOf(sorted.subList(0, Math.min(k, sorted.size()))));
    }

    /** The {@code k} items nearest to {@code vector} among the vectors of {@code model}. */
    public List<Neighbour> nearVector(String model, float[] vector, int k) {
        VectorIndex index = byModel.get(model);
        return index == null ? List.of() : neighbours(index, vector, k);
    }

    private List<Neighbour> neighbours(VectorIndex index, float[] vector, int k) {
        List<Neighbour> neighbours = new ArrayList<>();
        for (SearchHit hit : index.search(vector, k)) {
            EmbeddedItem item = items.get(hit.id());
            if (item != null) {
                neighbours.add(new Neighbour(item, hit.similarity(), hit.distance()));
            }
        }
        return neighbours;
    }

    @Override
    public void close() {
        byModel.values().forEach(VectorIndex::close);
        byModel.clear();
        items.clear();
        byEvent.clear();
    }
}
