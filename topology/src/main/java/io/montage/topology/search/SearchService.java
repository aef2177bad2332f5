package io.montage.topology.search;

import io.montage.models.search.HnswParameters;
import io.montage.schemas.avro.Embedding;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.http.OpsEndpoint;
import io.montage.topology.topics.Topic;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Search as one instance runs it: the index, the indexer that feeds it, and its HTTP routes. */
public final class SearchService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);

    private final EmbeddingSearch search;
    private final EmbeddingIndexer indexer;

    private SearchService(EmbeddingSearch search, EmbeddingIndexer indexer) {
        this.search = search;
        this.indexer = indexer;
    }

    /**
     * Starts indexing {@code embeddings} and, where the HTTP endpoint is on ({@code ops} not null),
     * serves {@link SearchRoutes#BY_EVENT}, {@link SearchRoutes#BY_TEXT} and {@link SearchRoutes#BY_IMAGE} on
     * it; text queries need the text-embed stage's model, image and {@code "space": "clip"} queries CLIP.
     */
    public static SearchService start(
            MontageSettings settings,
            String bootstrapServers,
            Topic<Embedding> embeddings,
            Optional<TextQueries> textQueries,
            Optional<ClipQueries> clipQueries,
            OpsEndpoint ops) {
        EmbeddingSearch search = new EmbeddingSearch(
                HnswParameters.defaults().withCandidates(settings.search().candidates()));
        EmbeddingIndexer indexer = EmbeddingIndexer.start(bootstrapServers, settings.kafka(), embeddings, search);
        if (ops == null) {
            log.warn("Search: the index is built but not served, because montage.http.port is -1; set a port");
        } else {
            SearchRoutes routes = new SearchRoutes(search, textQueries, clipQueries);
            ops.route(SearchRoutes.BY_EVENT, routes.byEvent());
            ops.route(SearchRoutes.BY_TEXT, routes.byText());
            ops.route(SearchRoutes.BY_IMAGE, routes.byImage());
            log.info(
                    "Search on http://{}:{}{}, {} and {}{}{}",
                    settings.httpHost(),
                    ops.port(),
                    SearchRoutes.BY_EVENT,
                    SearchRoutes.BY_TEXT,
                    SearchRoutes.BY_IMAGE,
                    textQueries.isPresent() ? "" : " (text-space queries off: text-embed is not in montage.stages)",
                    clipQueries.isPresent()
                            ? ""
                            : " (image and CLIP-space queries off: image-embed is not in montage.stages)");
        }
        return new SearchService(search, indexer);
    }

    @Override
    public void close() {
        indexer.close();
        search.close();
    }
}
