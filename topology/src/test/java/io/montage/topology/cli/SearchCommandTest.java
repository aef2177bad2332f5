package io.montage.topology.cli;

import static io.montage.topology.search.SearchFixtures.image;
import static io.montage.topology.search.SearchFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.search.HnswParameters;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.clip.TinyClip;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.http.OpsEndpoint;
import io.montage.topology.search.ClipQueries;
import io.montage.topology.search.EmbeddingSearch;
import io.montage.topology.search.SearchRoutes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void sendsAnImageFileToImageSearchAndPrintsTheNearestPictures(@TempDir Path dir) throws Exception {
        BufferedImage picture = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(5, 5, 0xff0000);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        Path file = Files.write(dir.resolve("query.png"), png.toByteArray());
        FfmpegImageDecoder decoder = new FfmpegImageDecoder(MediaLimits.defaults());
        try (ClipEmbedder clip = ClipEmbedder.builder()
                        .files(TinyClip.files(Files.createDirectory(dir.resolve("clip"))))
                        .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                        .build();
                EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults());
                OpsEndpoint ops = OpsEndpoint.start("127.0.0.1", 0, () -> "", null)) {
            search.add(image("the-upload", TinyClip.ID, clip.embedImage(decoder.decode(png.toByteArray()))));
            ops.route(
                    SearchRoutes.BY_IMAGE,
                    new SearchRoutes(
                                    search,
                                    Optional.empty(),
                                    Optional.of(new ClipQueries(
                                            clip,
                                            TinyClip.ID,
                                            decoder,
                                            MediaLimits.defaults().maxBytes())))
                            .byImage());

            int exit = montage("search", "--url", "http://127.0.0.1:" + ops.port(), "--image", file.toString());

            assertThat(exit).as(err.toString()).isZero();
            // The same picture: similarity 1 and distance 0, to the float rounding of the two embeddings.
            assertThat(out.toString().lines())
                    .singleElement()
                    .asString()
                    .matches("1\\.0000  -?0\\.0000  the-upload  IMAGE");
        }
    }

    @Test
    void clipTextQueriesAskForTheClipSpaceAndClipGoesOnlyWithText() throws Exception {
        try (EmbeddingSearch search = new EmbeddingSearch(HnswParameters.defaults());
                OpsEndpoint ops = OpsEndpoint.start("127.0.0.1", 0, () -> "", null)) {
            ops.route(SearchRoutes.BY_TEXT, new SearchRoutes(search, Optional.empty()).byText());
            String url = "http://127.0.0.1:" + ops.port();

            // The instance has no CLIP, so its answer shows which space the command asked for.
            assertThat(montage("search", "--url", url, "--text", "a dog", "--clip"))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("search failed (503): clip text search needs CLIP");
            assertThat(montage("search", "--url", url, "--text", "a dog")).isEqualTo(1);
            assertThat(err.toString()).contains("search failed (503): text search needs the text-embed stage's model");
            assertThat(montage("search", "--url", url, "--event", "x", "--clip"))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("--clip goes with --text");
        }
    }
}
