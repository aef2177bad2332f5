package io.montage.models.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.util.VectorUtil;

/**
 * Brute force: compares the query with every vector. Exact, so it is the reference that {@link
 * HnswVectorIndex}'s recall is measured against; its cost grows with the number of vectors, where
 * HNSW's grows with their logarithm.
 */
public final class ExactVectorIndex implements VectorIndex {

    /** Most similar first; equal similarities by id, so results do not depend on insertion order. */
    static final Comparator<SearchHit> BEST_FIRST =
            Comparator.comparing(SearchHit::similarity).reversed().thenComparing(SearchHit::id);

    private final int dimension;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // Row i of vectors belongs to ids[i]; a removal moves the last row into the hole.
    private final List<float[]> vectors = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> rows = new HashMap<>();

    public ExactVectorIndex(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension " + dimension + ": an index needs at least 1 dimension");
        }
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void add(String id, float[] vector) {
        float[] unit = UnitVectors.checked("vector of id " + id, vector, dimension);
        lock.writeLock().lock();
        try {
            Integer row = rows.get(id);
            if (row != null) {
                vectors.set(row, unit);
            } else {
                rows.put(id, vectors.size());
                vectors.add(unit);
                ids.add(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(String id) {
        lock.writeLock().lock();
        try {
            Integer row = rows.remove(id);
            if (row == null) {
                return false;
            }
            int last = vectors.size() - 1;
            if (row != last) {
                vectors.set(row, vectors.get(last));
                ids.set(row, ids.get(last));
                rows.put(ids.get(row), row);
            }
            vectors.remove(last);
            ids.remove(last);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<float[]> vector(String id) {
        lock.readLock().lock();
        try {
            Integer row = rows.get(id);
            return row == null ? Optional.empty() : Optional.of(vectors.get(row).clone());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<SearchHit> search(float[] query, int k) {
        UnitVectors.checkCount(k);
        float[] unit = UnitVectors.checked("query", query, dimension);
        // The worst of the best k on top, so each candidate is compared with it alone.
        PriorityQueue<SearchHit> best = new PriorityQueue<>(k + 1, BEST_FIRST.reversed());
        lock.readLock().lock();
        try {
            for (int row = 0; row < vectors.size(); row++) {
                float similarity = VectorUtil.dotProduct(unit, vectors.get(row));
                if (best.size() < k || similarity >= best.peek().similarity()) {
                    best.add(new SearchHit(ids.get(row), similarity));
                    if (best.size() > k) {
                        best.poll();
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<SearchHit> hits = new ArrayList<>(best);
        hits.sort(BEST_FIRST);
        return hits;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return vectors.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            vectors.clear();
            ids.clear();
            rows.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
