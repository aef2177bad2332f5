package io.montage.topology.cli;

import static io.montage.topology.search.SearchFixtures.image;
import static io.montage.topology.search.SearchFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.search.HnswParameters;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.http.OpsEndpoint;
import io.montage.topology.search.EmbeddingSearch;
import io.montage.topology.search.SearchRoutes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SearchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int montage(String... args) {
        CommandLine montage = MontageCommand.commandLine(CommandLine.defaultFactory());
        montage.setOut(new PrintWriter(out, true));
        montage.setErr(new PrintWriter(err, true));
        return montage.execute(args);
    }

    @Test
    void printsAnEventsNeighboursOnePerLineMostSimilarFirst() throws Exception {
        try (EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults());
                OpsEndpoint ops = OpsEndpoint.start("127.0.0.1", 0, () -> "", null)) {
            search.add(image("upload-1", "clip", 1, 0, 0));
            search.add(image("re-upload", "clip", 0.8f, 0.6f, 0));
            search.add(text("other", "OCR", "clip", 0, 0, 1));
            SearchRoutes routes = new SearchRoutes(search, Optional.empty());
            ops.route(SearchRoutes.BY_EVENT, routes.byEvent());

            int exit = montage("search", "--url", "http://127.0.0.1:" + ops.port(), "--event", "upload-1", "-k", "2");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString().lines())
                    .containsExactly("0.8000  0.2000  re-upload  IMAGE", "0.0000  1.0000  other  TEXT OCR");
            assertThat(err.toString()).contains("2 result(s) among 3 indexed embeddings");
        }
    }

    @Test
    void saysWhatToDoWhenTheEventIsUnknownOrNoMontageAnswers() throws Exception {
        try (EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults());
                OpsEndpoint ops = OpsEndpoint.start("127.0.0.1", 0, () -> "", null)) {
            ops.route(SearchRoutes.BY_EVENT, new SearchRoutes(search, Optional.empty()).byEvent());
            String url = "http://127.0.0.1:" + ops.port();

            assertThat(montage("search", "--url", url, "--event", "nobody")).isEqualTo(1);
            assertThat(err.toString()).contains("search failed (404): event nobody has no indexed embedding");
        }
        // Where montage.search.enabled is false, the ops endpoint has no search route at all.
        try (OpsEndpoint ops = OpsEndpoint.start("127.0.0.1", 0, () -> "", null)) {
            assertThat(montage("search", "--url", "http://127.0.0.1:" + ops.port(), "--text", "a dog"))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("has no search endpoint; set montage.search.enabled=true");
        }
        int port = EmbeddedKafkaBroker.freePort();
        assertThat(montage("search", "--url", "http://127.0.0.1:" + port, "--event", "x"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no Montage answers on http://127.0.0.1:" + port);
    }
}
