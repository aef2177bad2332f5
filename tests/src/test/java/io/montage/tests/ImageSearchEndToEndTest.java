package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.media.ContentKind;
import io.montage.models.vision.clip.TinyClip;
import io.montage.topology.client.MediaSender;
import io.montage.topology.config.MontageConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures uploaded to Montage become CLIP embeddings through the probe and image-embed stages,
 * the search index picks them up, and an image sent to {@code /search/image} finds the upload of
 * the same picture first; a text in the CLIP space reaches the same pictures. The tiny random-weight
 * CLIP towers stand in for the real model: same I/O, same code path.
 */
class ImageSearchEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUploadedImageFindsTheUploadOfTheSamePictureAndWordsReachThePictures() throws Exception {
        Path catalog = UserCatalog.write(
                dataDir.resolve("my-models.json"), TinyClip.files(Files.createDirectories(dataDir.resolve("clip"))));
        try (RunningMontage montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(
                        MontageConfig.MODELS_CATALOG,
                        catalog.toString(),
                        MontageConfig.IMAGE_EMBEDDING_MODEL,
                        TinyClip.ID,
                        MontageConfig.SEARCH_ENABLED,
                        "true",
                        MontageConfig.HTTP_PORT,
                        "0"),
                "image-embed")) {
            // Given two posters uploaded
            byte[] sale = Posters.png("SUMMER SALE 50");
            String saleId;
            try (MediaSender sender = montage.sender()) {
                saleId = sender.send(Path.of("sale.png"), sale, ContentKind.IMAGE)
                        .eventId();
                sender.send(Path.of("menu.png"), Posters.png("LUNCH MENU"), ContentKind.IMAGE);
                sender.flush();
            }

            // When the same picture, as a BMP this time, is searched for once both are indexed
            byte[] sameAsBmp = bmp(sale);
            JsonNode[] answer = new JsonNode[1];
            await("both uploads are indexed")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        answer[0] =
                                send(montage, "/search/image?k=2", HttpRequest.BodyPublishers.ofByteArray(sameAsBmp));
                        assertThat(answer[0].get("indexed").asInt()).isEqualTo(2);
                    });

            // Then the sale poster's upload comes first, as the same picture
            JsonNode first = answer[0].get("hits").get(0);
            assertThat(first.get("eventId").asText()).isEqualTo(saleId);
            assertThat(first.get("model").asText()).isEqualTo(TinyClip.ID);
            assertThat(first.get("similarity").asDouble()).isCloseTo(1.0, within(1e-4));
            assertThat(answer[0].get("hits")).hasSize(2);

            // And words searched in the CLIP space reach both pictures
            JsonNode byWords = send(
                    montage,
                    "/search/text",
                    HttpRequest.BodyPublishers.ofString("{\"text\": \"a poster of a sale\", \"space\": \"clip\"}"));
            assertThat(byWords.get("hits")).hasSize(2);
            byWords.get("hits")
                    .forEach(hit -> assertThat(hit.get("modality").asText()).isEqualTo("IMAGE"));
        }
    }

    private static byte[] bmp(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(rgb, "bmp", bytes)).isTrue();
        return bytes.toByteArray();
    }

    private JsonNode send(RunningMontage montage, String path, HttpRequest.BodyPublisher body) throws Exception {
        String ready = montage.app.readyUrl().orElseThrow();
        URI uri = URI.create(ready.substring(0, ready.length() - "/ready".length()) + path);
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri).POST(body).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
