package io.montage.models.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;

/**
 * Approximate nearest neighbours through Lucene's HNSW graphs: a document per id with the id and
 * its unit vector, compared by dot product. Lucene keeps the graph per segment, applies removals as
 * deletions the search skips, and merges segments in the background.
 */
public final class HnswVectorIndex implements VectorIndex {

    private static final String ID = "id";
    private static final String VECTOR = "vector";
    /**
     * In-memory files in blocks of at most 256 KB. Lucene's default, up to 64 MB, makes G1 humongous
     * objects, each padded to whole heap regions: a 20,000-vector index then held 3.3 KB of heap per
     * vector instead of the 1.7 KB of its files (measured with G1, the JDK's default collector).
     */
    private static final int MAX_BITS_PER_BLOCK = 18;

    private final int dimension;
    private final HnswParameters parameters;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private HnswVectorIndex(int dimension, HnswParameters parameters, Directory directory) throws IOException {
        if (dimension < 1 || dimension > KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS) {
            throw new IllegalArgumentException("dimension " + dimension + ": Lucene indexes vectors of 1 to "
                    + KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS + " dimensions");
        }
        this.dimension = dimension;
        this.parameters = parameters;
        this.directory = directory;
        this.writer = new IndexWriter(directory, config(parameters));
        try {
            this.searchers = new SearcherManager(writer, null);
            checkStoredDimension();
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    /** An index on the heap, gone when closed; rebuild it from its source after a restart. */
    public static HnswVectorIndex inMemory(int dimension, HnswParameters parameters) {
        try {
            return new HnswVectorIndex(dimension, parameters, onHeap());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create an in-memory vector index", e);
        }
    }

    private static Directory onHeap() {
        return new ByteBuffersDirectory(
                new SingleInstanceLockFactory(),
                () -> new ByteBuffersDataOutput(
                        ByteBuffersDataOutput.DEFAULT_MIN_BITS_PER_BLOCK,
                        MAX_BITS_PER_BLOCK,
                        ByteBuffersDataOutput.ALLOCATE_BB_ON_HEAP,
                        ByteBuffersDataOutput.NO_REUSE),
                ByteBuffersDirectory.OUTPUT_AS_MANY_BUFFERS);
    }

    /** An index in {@code folder}, reopened with what it held when closed. */
    public static HnswVectorIndex onDisk(Path folder, int dimension, HnswParameters parameters) {
        try {
            return new HnswVectorIndex(dimension, parameters, FSDirectory.open(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not open the vector index in " + folder + "; check the folder is writable", e);
        }
    }

    private static IndexWriterConfig config(HnswParameters parameters) {
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(parameters.maxConnections(), parameters.beamWidth());
        return new IndexWriterConfig()
                .setOpenMode(OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(parameters.bufferMegabytes())
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
    }

    /** A reopened folder must hold vectors of this index's dimension; Lucene would refuse them one add later. */
    private void checkStoredDimension() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
                if (field != null && field.getVectorDimension() != dimension) {
                    throw new IllegalArgumentException("the vector index in " + directory + " holds "
                            + field.getVectorDimension() + "-dimensional vectors, not " + dimension
                            + "; open it with its own dimension or use a new folder");
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    public HnswParameters parameters() {
        return parameters;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void add(String id, float[] vector) {
        float[] unit = UnitVectors.checked("vector of id " + id, vector, dimension);
        Document document = new Document();
        document.add(new StringField(ID, id, Field.Store.YES));
        document.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
        try {
            writer.updateDocument(new Term(ID, id), document);
        } catch (IOException e) {
            throw new UncheckedIOException("could not add the vector of id " + id + " to the index", e);
        }
    }

    @Override
    public boolean remove(String id) {
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                if (searcher.count(new TermQuery(new Term(ID, id))) == 0) {
                    return false;
                }
            } finally {
                searchers.release(searcher);
            }
            writer.deleteDocuments(new Term(ID, id));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove id " + id + " from the vector index", e);
        }
    }

    @Override
    public Optional<float[]> vector(String id) {
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs found = searcher.search(new TermQuery(new Term(ID, id)), 1);
                if (found.scoreDocs.length == 0) {
                    return Optional.empty();
                }
                int doc = found.scoreDocs[0].doc;
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                int local = doc - leaf.docBase;
                if (values == null || values.advance(local) != local) {
                    throw new IllegalStateException("id " + id + " has no vector in the index; rebuild the index");
                }
                return Optional.of(values.vectorValue().clone());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the vector of id " + id, e);
        }
    }

    @Override
    public List<SearchHit> search(float[] query, int k) {
        return search(query, k, parameters.candidates());
    }

    /** As {@link #search(float[], int)}, keeping {@code candidates} nodes instead of the parameters' number. */
    public List<SearchHit> search(float[] query, int k, int candidates) {
        UnitVectors.checkCount(k);
        UnitVectors.checkCount(candidates);
        float[] unit = UnitVectors.checked("query", query, dimension);
        int breadth = Math.max(k, candidates);
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, unit, breadth), k);
                StoredFields stored = searcher.storedFields();
                List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    hits.add(new SearchHit(stored.document(hit.doc).get(ID), cosine(hit.score)));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the vector index", e);
        }
    }

    /** Lucene scores DOT_PRODUCT as (1 + cosine) / 2 so that scores are never negative. */
    private static float cosine(float score) {
        return 2 * score - 1;
    }

    @Override
    public int size() {
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not count the vector index", e);
        }
    }

    /**
     * Bytes of the index's files: the vectors, the graphs and the ids, on the heap for {@link
     * #inMemory} and on disk for {@link #onDisk}. Adds since the last search are not counted until
     * they are flushed.
     */
    public long storedBytes() {
        try {
            long bytes = 0;
            for (String file : directory.listAll()) {
                bytes += directory.fileLength(file);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not measure the vector index's files", e);
        }
    }

    /** How many segments (each with its own graph) a search visits now. */
    public int segments() {
        try {
            refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().leaves().size();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the vector index's segments", e);
        }
    }

    /** Makes every add and remove that returned visible to the searches that follow. */
    private void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    @Override
    public void close() {
        try (directory;
                writer;
                searchers) {
            // Closing in reverse order: searchers, then the writer (which commits), then the directory.
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the vector index in " + directory, e);
        }
    }
}
