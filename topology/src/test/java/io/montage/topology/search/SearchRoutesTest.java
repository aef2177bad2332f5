package io.montage.topology.search;

import static io.montage.topology.search.SearchFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.search.HnswParameters;
import io.montage.models.store.ModelStore;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.models.text.TextEmbedder;
import io.montage.topology.http.OpsEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search endpoints on the ops HTTP server, over an index fed directly with MiniLM's vectors. */
class SearchRoutesTest {

    private static final String MINILM = "all-minilm-l6-v2-q";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddingSearch search;
    private OpsEndpoint ops;

    private static TextEmbedder embedder;

    @BeforeAll
    static void loadTheTextEmbedder(@TempDir Path cache) throws Exception {
        embedder = SentenceTransformerEmbedder.builder()
                .files(ModelStore.builder()
                        .cacheDirectory(cache)
                        .offline(true)
                        .build()
                        .pull(SentenceTransformerEmbedder.DEFAULT_MODEL_ID))
                .build();
    }

    @AfterAll
    static void closeTheTextEmbedder() {
        embedder.close();
    }

    @BeforeEach
    void start() throws Exception {
        search = new EmbeddingSearch(HnswParameters.defaults());
        search.add(text("dog-caption", "CAPTION", MINILM, embedder.embed("A dog runs across a grassy park.")));
        search.add(text(
                "puppy-transcript",
                "TRANSCRIPT",
                MINILM,
                embedder.embed("The puppy is running through the park on the grass.")));
        search.add(text("tax-ocr", "OCR", MINILM, embedder.embed("QUARTERLY TAX RETURN FORM 1040")));
        ops = OpsEndpoint.start("127.0.0.1", 0, () -> "", health());
        SearchRoutes routes = new SearchRoutes(search, Optional.of(new TextQueries(embedder, MINILM)));
        ops.route(SearchRoutes.BY_EVENT, routes.byEvent());
        ops.route(SearchRoutes.BY_TEXT, routes.byText());
    }

    @AfterEach
    void stop() {
        ops.close();
        search.close();
    }

    @Test
    void anEventsNeighboursComeAsJsonMostSimilarFirst() throws Exception {
        HttpResponse<String> response = get("/search?event=dog-caption&k=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("indexed").asInt()).isEqualTo(3);
        assertThat(body.get("hits")).hasSize(2);
        JsonNode first = body.get("hits").get(0);
        assertThat(first.get("eventId").asText()).isEqualTo("puppy-transcript");
        assertThat(first.get("modality").asText()).isEqualTo("TEXT");
        assertThat(first.get("textKind").asText()).isEqualTo("TRANSCRIPT");
        assertThat(first.get("frameIndex").isNull()).isTrue();
        assertThat(first.get("model").asText()).isEqualTo(MINILM);
        double similarity = first.get("similarity").asDouble();
        assertThat(similarity)
                .isGreaterThan(0.5)
                .isGreaterThan(hits(body, 1).get("similarity").asDouble() + 0.3);
        assertThat(first.get("distance").asDouble()).isCloseTo(1 - similarity, within(1e-6));
        assertThat(hits(body, 1).get("eventId").asText()).isEqualTo("tax-ocr");
    }

    @Test
    void aTextIsEmbeddedAndSearchedInItsModelsSpace() throws Exception {
        HttpResponse<String> response =
                post("/search/text", "{\"text\": \"a happy dog playing outside on the lawn\", \"k\": 1}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode hits = JSON.readTree(response.body()).get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("eventId").asText()).isEqualTo("dog-caption");
    }

    @Test
    void requestsThatCannotBeAnsweredSayWhatToChange() throws Exception {
        assertError(get("/search?event=unknown"), 404, "event unknown has no indexed embedding");
        assertError(get("/search"), 400, "give the event id as ?event=ID");
        assertError(get("/search?event=dog-caption&k=0"), 400, "ask for 1 to 1000 results");
        assertError(get("/search?event=dog-caption&k=ten"), 400, "k is 'ten'");
        assertError(get("/search/text"), 405, "takes POST requests");
        assertError(get("/search/elsewhere"), 404, "use /search, /search/text or /search/image");
        assertError(post("/search/text", "not json"), 400, "the body is not JSON");
        assertError(post("/search/text", "{\"k\": 3}"), 400, "send a JSON body {\"text\"");
    }

    @Test
    void textSearchWithoutTheTextEmbedderSaysWhichStageItNeeds() throws Exception {
        try (OpsEndpoint withoutText = OpsEndpoint.start("127.0.0.1", 0, () -> "", health())) {
            withoutText.route(SearchRoutes.BY_TEXT, new SearchRoutes(search, Optional.empty()).byText());
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + withoutText.port() + "/search/text"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"dog\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertError(response, 503, "add text-embed to montage.stages");
        }
    }

    private static JsonNode hits(JsonNode body, int index) {
        return body.get("hits").get(index);
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ops.port() + path);
    }

    private static OpsEndpoint.HealthSource health() {
        return new OpsEndpoint.HealthSource() {
            @Override
            public boolean alive() {
                return true;
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public String describe() {
                return Map.of().toString();
            }
        };
    }
}
