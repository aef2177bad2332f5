package io.montage.models.search;

import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the HNSW graph is built and searched.
 *
 * @param maxConnections neighbours kept per node (HNSW's M): more raise recall and memory
 * @param beamWidth candidates considered while inserting a node (efConstruction): more raise recall
 *     and build time
 * @param candidates nodes a search keeps while walking the graph before it returns the best k
 *     (efSearch, Elasticsearch's num_candidates); at least k is used: more raise recall and query time
 * @param bufferMegabytes heap for vectors added since the last flush; a flush writes a segment with a
 *     graph of its own, and searches visit every segment, so a larger buffer builds fewer graphs
 */
public record HnswParameters(int maxConnections, int beamWidth, int candidates, int bufferMegabytes) {

    /**
     * Lucene's defaults for M and efConstruction (16, 100); 100 candidates find 0.975 of the true ten
     * nearest among 100,000 sentence-like 384-d vectors and 0.956 among 200,000 (docs/search.md: raise
     * it for millions); a 64 MB buffer (Lucene's default is 16) flushes fewer, larger graphs.
     */
    public static HnswParameters defaults() {
        return new HnswParameters(
                Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, 100, 64);
    }

    public HnswParameters {
        require("maxConnections", maxConnections, 1, Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN);
        require("beamWidth", beamWidth, 1, Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH);
        require("candidates", candidates, 1, 10_000);
        // IndexWriter refuses a per-thread buffer of 2048 MB or more.
        require("bufferMegabytes", bufferMegabytes, 1, 2047);
    }

    public HnswParameters withCandidates(int searchCandidates) {
        return new HnswParameters(maxConnections, beamWidth, searchCandidates, bufferMegabytes);
    }

    public HnswParameters withBufferMegabytes(int megabytes) {
        return new HnswParameters(maxConnections, beamWidth, candidates, megabytes);
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "HNSW " + name + " is " + value + "; choose a value from " + min + " to " + max);
        }
    }
}
