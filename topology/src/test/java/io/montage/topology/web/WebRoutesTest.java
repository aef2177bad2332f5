package io.montage.topology.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.montage.processors.blob.MediaResolver;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.Timings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web view's paths and security headers, without Kafka: uploads put straight into its memory. */
class WebRoutesTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String SVG_WITH_SCRIPT =
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";

    private final RecentUploads uploads = new RecentUploads(4);
    private final EventStream events = new EventStream(2);
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext(
                WebRoutes.ROOT,
                new WebRoutes(uploads, new LiveStreams(4), new MediaResolver(List.of(), 1 << 20), events, List::of));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + WebRoutes.ROOT;
    }

    @AfterEach
    void stop() {
        events.close();
        server.stop(0);
    }

    @Test
    void thePageIsServedUnderAStrictPolicyThatAllowsItsOwnScriptOnly() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("default-src 'none'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.body()).contains("<script src=\"wall.js\" defer></script>");
        assertThat(page.body()).doesNotContain("http://").doesNotContain("https://");

        HttpResponse<String> script = get("/wall.js");
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("new EventSource(\"events\")").doesNotContain("innerHTML");
        assertThat(get("/wall.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("").statusCode()).isEqualTo(308);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadIsServedWithTheTypeTheProbeFoundSandboxedAndNeverSniffed() throws Exception {
        // The producer claims text/html; the probe found PNG: PNG it is.
        uploads.accept(probe("picture", MediaKind.IMAGE, "png", PNG, "text/html"), Instant.now());
        HttpResponse<byte[]> media = http.send(
                HttpRequest.newBuilder(URI.create(base + "/media/picture")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo(PNG);
        assertThat(media.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(media.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(media.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
    }

    @Test
    void anSvgIsNeverServedEvenWhereTheProbeWouldHaveDescribedIt() throws Exception {
        uploads.accept(
                probe(
                        "vector",
                        MediaKind.IMAGE,
                        "svg",
                        SVG_WITH_SCRIPT.getBytes(StandardCharsets.UTF_8),
                        "image/svg+xml"),
                Instant.now());
        HttpResponse<String> media = get("/media/vector");
        assertThat(media.statusCode()).isEqualTo(415);
        assertThat(media.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(media.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(media.body()).doesNotContain("<script>").contains("svg");
        assertThat(uploads.get("vector").orElseThrow().toJson().get("media").isNull())
                .as("the page is not given a media link to it")
                .isTrue();
    }

    @Test
    void theViewIsReadOnly() throws Exception {
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(base + "/"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void aStageOutputReadBeforeItsProbeResultJoinsItWhenItComes() {
        io.montage.schemas.avro.Caption caption = io.montage.schemas.avro.Caption.newBuilder()
                .setEventId("late")
                .setInput(input())
                .setText("a cat on a mat")
                .setModel(io.montage.schemas.avro.ModelRef.newBuilder()
                        .setId("tiny")
                        .build())
                .setTimings(Timings.newBuilder().build())
                .build();
        assertThat(uploads.add("late", caption)).isEmpty();
        UploadView view = uploads.accept(probe("late", MediaKind.IMAGE, "png", PNG, null), Instant.now());
        assertThat(view.toJson().get("caption").get("text").asText()).isEqualTo("a cat on a mat");
        for (int i = 0; i < 5; i++) {
            uploads.accept(probe("u" + i, MediaKind.IMAGE, "png", PNG, null), Instant.now());
        }
        assertThat(uploads.all()).as("at most the last 4").hasSize(4);
        assertThat(uploads.get("late")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ProbeResult probe(String eventId, MediaKind kind, String format, byte[] bytes, String declared) {
        return ProbeResult.newBuilder()
                .setEventId(eventId)
                .setInput(input())
                .setKind(kind)
                .setFormat(format)
                .setWidth(1)
                .setHeight(1)
                .setSizeBytes(bytes.length)
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(bytes))
                        .setContentType(declared)
                        .build())
                .setTimings(Timings.newBuilder().build())
                .build();
    }

    private static InputRef input() {
        return InputRef.newBuilder().setTopic("images").build();
    }
}
