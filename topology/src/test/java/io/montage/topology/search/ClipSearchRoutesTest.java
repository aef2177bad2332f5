package io.montage.topology.search;

import static io.montage.topology.search.SearchFixtures.image;
import static io.montage.topology.search.SearchFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.search.HnswParameters;
import io.montage.models.vision.clip.ClipEmbedder;
import io.montage.models.vision.clip.TinyClip;
import io.montage.topology.http.OpsEndpoint;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image search and CLIP-space text search on the ops HTTP server, with the tiny random-weight CLIP
 * towers (the real exports' I/O) embedding both the indexed pictures and the queries, and
 * FFmpeg decoding the query images as the vision stages decode uploads.
 */
class ClipSearchRoutesTest {

    private static final long MAX_IMAGE_BYTES = 100_000;
    private static final MediaLimits LIMITS = new MediaLimits(
            MAX_IMAGE_BYTES,
            MediaLimits.defaults().maxPixels(),
            MediaLimits.defaults().maxDuration());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClipEmbedder clip;
    private static final Map<String, BufferedImage> PICTURES = new LinkedHashMap<>();

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddingSearch search;
    private OpsEndpoint ops;

    @BeforeAll
    static void loadClip(@TempDir Path dir) throws IOException {
        clip = ClipEmbedder.builder()
                .files(TinyClip.files(dir))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();
        PICTURES.put("stripes", stripes());
        PICTURES.put("red-disc", disc(Color.RED, Color.WHITE));
        PICTURES.put("blue-disc", disc(Color.BLUE, Color.YELLOW));
        PICTURES.put("gradient", gradient());
    }

    @AfterAll
    static void closeClip() {
        clip.close();
    }

    @BeforeEach
    void start() throws Exception {
        search = new EmbeddingSearch(HnswParameters.defaults());
        FfmpegImageDecoder decoder = new FfmpegImageDecoder(LIMITS);
        for (Map.Entry<String, BufferedImage> picture : PICTURES.entrySet()) {
            // Indexed as the image-embed stage indexes an upload: PNG bytes decoded by FFmpeg, then CLIP.
            search.add(image(
                    picture.getKey(),
                    TinyClip.ID,
                    clip.embedImage(decoder.decode(encoded(picture.getValue(), "png")))));
        }
        // A text vector of the same width under another model: CLIP queries must never reach it.
        float[] caption = new float[clip.dimension()];
        caption[0] = 1;
        search.add(text("caption", "CAPTION", "all-minilm-l6-v2-q", caption));
        ops = serve(Optional.of(new ClipQueries(clip, TinyClip.ID, decoder, MAX_IMAGE_BYTES)));
    }

    @AfterEach
    void stop() {
        ops.close();
        search.close();
    }

    @Test
    void anUploadedImageFindsTheIndexedUploadOfTheSamePictureFirst() throws Exception {
        // The same pixels in another format (BMP, lossless): another file, the same picture.
        HttpResponse<String> response = postImage(ops, "/search/image?k=3", encoded(PICTURES.get("red-disc"), "bmp"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        JsonNode hits = body.get("hits");
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).get("eventId").asText()).isEqualTo("red-disc");
        assertThat(hits.get(0).get("modality").asText()).isEqualTo("IMAGE");
        assertThat(hits.get(0).get("model").asText()).isEqualTo(TinyClip.ID);
        assertThat(hits.get(0).get("similarity").asDouble()).isCloseTo(1.0, within(1e-4));
        assertThat(hits.get(0).get("distance").asDouble()).isCloseTo(0.0, within(1e-4));
        assertThat(hits.get(1).get("similarity").asDouble())
                .isLessThan(hits.get(0).get("similarity").asDouble());
        for (JsonNode hit : hits) {
            assertThat(hit.get("model").asText()).isEqualTo(TinyClip.ID);
        }
        assertThat(body.get("indexed").asInt()).isEqualTo(5);
    }

    @Test
    void aTextWithTheClipSpaceIsEmbeddedByClipsTextTowerAndRanksThePictures() throws Exception {
        String words = "a red circle on a white background";
        HttpResponse<String> response =
                postJson(ops, "/search/text", "{\"text\": \"" + words + "\", \"space\": \"clip\", \"k\": 4}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode hits = JSON.readTree(response.body()).get("hits");
        // The towers' weights are random, so the order is whatever CLIP's own text vector makes it.
        float[] query = clip.embed(words);
        List<String> expected = new ArrayList<>(PICTURES.keySet());
        FfmpegImageDecoder decoder = new FfmpegImageDecoder(LIMITS);
        Map<String, Double> similarity = new LinkedHashMap<>();
        for (String id : expected) {
            similarity.put(id, dot(query, clip.embedImage(decoder.decode(encoded(PICTURES.get(id), "png")))));
        }
        expected.sort(Comparator.comparing(similarity::get).reversed());
        List<String> returned = new ArrayList<>();
        for (JsonNode hit : hits) {
            returned.add(hit.get("eventId").asText());
            assertThat(hit.get("similarity").asDouble())
                    .isCloseTo(similarity.get(hit.get("eventId").asText()), within(1e-4));
        }
        assertThat(returned).containsExactlyElementsOf(expected);
    }

    @Test
    void badImageBytesAreRefusedWithTheDecodersReason() throws Exception {
        byte[] png = encoded(PICTURES.get("stripes"), "png");

        assertError(
                postImage(ops, "/search/image", "not a picture at all".getBytes()),
                400,
                "the image was not searched: the upload is not a media format FFmpeg recognises");
        assertError(
                postImage(ops, "/search/image", Arrays.copyOf(png, png.length / 2)), 400, "the upload was cut short");
        assertError(
                postImage(ops, "/search/image", new byte[0]), 400, "the image was not searched: the upload is empty");
        assertError(postImage(ops, "/search/image?k=0", png), 400, "ask for 1 to 1000 results");
        assertError(get(ops, "/search/image"), 405, "takes POST requests");
        assertError(
                postJson(ops, "/search/text", "{\"text\": \"dog\", \"space\": \"pixels\"}"),
                400,
                "use \"text\" (captions, OCR, transcripts) or \"clip\"");
    }

    @Test
    void anImageOverTheUploadLimitIsRefusedAs413() throws Exception {
        byte[] tooLarge = new byte[(int) MAX_IMAGE_BYTES + 1];

        assertError(postImage(ops, "/search/image", tooLarge), 413, "the image is over 100000 bytes");
        assertError(postImage(ops, "/search/image", tooLarge), 413, MediaLimits.MAX_BYTES_KEY);
    }

    @Test
    void withoutClipImageAndClipTextSearchSayWhichStageEnablesThem() throws Exception {
        try (OpsEndpoint withoutClip = serve(Optional.empty())) {
            assertError(
                    postImage(withoutClip, "/search/image", encoded(PICTURES.get("stripes"), "png")),
                    503,
                    "image search needs CLIP, the image-embed stage's model (montage.image-embed.model), in this"
                            + " instance; add image-embed to montage.stages");
            assertError(
                    postJson(withoutClip, "/search/text", "{\"text\": \"dog\", \"space\": \"clip\"}"),
                    503,
                    "add image-embed to montage.stages");
        }
    }

    private OpsEndpoint serve(Optional<ClipQueries> clipQueries) throws IOException {
        OpsEndpoint endpoint = OpsEndpoint.start("127.0.0.1", 0, () -> "", null);
        SearchRoutes routes = new SearchRoutes(search, Optional.empty(), clipQueries);
        endpoint.route(SearchRoutes.BY_EVENT, routes.byEvent());
        endpoint.route(SearchRoutes.BY_TEXT, routes.byText());
        endpoint.route(SearchRoutes.BY_IMAGE, routes.byImage());
        return endpoint;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static BufferedImage stripes() {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x / 8) % 2 == 0 ? 0x000000 : 0x00ff00);
            }
        }
        return image;
    }

    private static BufferedImage disc(Color disc, Color background) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 64, 64);
        g.setColor(disc);
        g.fillOval(12, 12, 40, 40);
        g.dispose();
        return image;
    }

    private static BufferedImage gradient() {
        BufferedImage image = new BufferedImage(80, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 3 << 16) | (y * 5 << 8) | 0x40);
            }
        }
        return image;
    }

    static byte[] encoded(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, bytes)) {
            throw new IllegalStateException("ImageIO writes no " + format);
        }
        return bytes.toByteArray();
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
    }

    private HttpResponse<String> get(OpsEndpoint endpoint, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(endpoint, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postImage(OpsEndpoint endpoint, String path, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(endpoint, path))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(OpsEndpoint endpoint, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(endpoint, path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(OpsEndpoint endpoint, String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }
}
