package io.montage.topology.search;

import io.montage.schemas.avro.Embedding;
import io.montage.topology.client.TopicTail;
import io.montage.topology.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link EmbeddingSearch} from the {@code embeddings} topic on a thread of its own: from the
 * beginning, so the in-memory index is rebuilt after every restart, and {@code read_committed}, so
 * only the outputs of committed exactly-once transactions are indexed. It joins no consumer group:
 * every instance builds the whole index and moves nobody's offsets.
 */
public final class EmbeddingIndexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingIndexer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final TopicTail<Embedding> tail;
    private final EmbeddingSearch search;
    private final Thread thread;
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;

    private EmbeddingIndexer(TopicTail<Embedding> tail, EmbeddingSearch search) {
        this.tail = tail;
        this.search = search;
        this.thread = new Thread(this::run, "montage-search-indexer");
        this.thread.setDaemon(true);
    }

    public static EmbeddingIndexer start(
            String bootstrapServers, Map<String, String> kafka, Topic<Embedding> embeddings, EmbeddingSearch search) {
        TopicTail<Embedding> tail = new TopicTail<>(
                bootstrapServers,
                kafka,
                List.of(embeddings.name()),
                embeddings.valueSerde().deserializer());
        EmbeddingIndexer indexer = new EmbeddingIndexer(tail, search);
        indexer.thread.start();
        log.info("Search: indexing {} from its beginning", embeddings.name());
        return indexer;
    }

    /** The consumer is used and closed by this thread alone (a Kafka consumer is not thread-safe). */
    private void run() {
        try (tail) {
            while (running) {
                tail.poll(POLL, this::index);
            }
        } catch (RuntimeException e) {
            log.error("Search: the indexer stopped; searches see what it had indexed. Restart Montage to rebuild", e);
        }
    }

    private void index(ConsumerRecord<String, Embedding> record) {
        try {
            search.add(record.value());
        } catch (IllegalArgumentException e) {
            // Not a stage's input: the record stays on its topic for other readers, it is only left out of search.
            long count = refused.incrementAndGet();
            log.warn(
                    "Search: left out {}-{}@{} (event {}): {} ({} left out so far)",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.value().getEventId(),
                    e.getMessage(),
                    count);
        }
    }

    /** Embeddings that could not be indexed (a vector that does not fit its model's index). */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(POLL.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
