package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.topology.client.MediaSender;
import io.montage.topology.config.MontageConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Texts become MiniLM embeddings, the search index picks them up from the embeddings topic, and a
 * text query finds the nearest by meaning over HTTP; after a restart the index is rebuilt from the
 * topic and answers the same.
 */
class SearchEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TEXTS = Map.of(
            "caption-dog", "A dog runs across a grassy park.",
            "transcript-puppy", "The puppy is running through the park on the grass.",
            "ocr-tax", "QUARTERLY TAX RETURN FORM 1040",
            "caption-market", "Traders watch share prices fall on the stock exchange floor.");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTextQueryFindsTheUploadsNearestInMeaningAndDoesSoAgainAfterARestart() throws Exception {
        Map<String, String> searchOn = Map.of(
                MontageConfig.STAGES, "text-embed",
                MontageConfig.SEARCH_ENABLED, "true",
                MontageConfig.HTTP_PORT, "0");
        Map<String, String> samePorts;
        // Given Montage with search on, and four texts sent to it
        try (RunningMontage montage = RunningMontage.start(dataDir, searchOn)) {
            samePorts = Map.of(
                    MontageConfig.EMBEDDED_KAFKA_PORT,
                            Integer.toString(montage.settings.embedded().kafkaPort()),
                    MontageConfig.EMBEDDED_CONTROLLER_PORT,
                            Integer.toString(montage.settings.embedded().controllerPort()));
            try (MediaSender sender = montage.sender()) {
                TEXTS.forEach((id, text) -> sender.produce(
                        montage.app.topics().texts(),
                        id,
                        TextEvent.newBuilder()
                                .setEventId(id)
                                .setKind(id.startsWith("ocr") ? TextKind.OCR : TextKind.CAPTION)
                                .setText(text)
                                .build()));
                sender.flush();
            }

            // When their embeddings are indexed and a text is searched for
            JsonNode answer = awaitIndexed(montage, TEXTS.size());

            // Then the two texts about a dog in a park come first, the tax form and stock market after
            assertThat(eventIds(answer)).hasSize(3);
            assertThat(eventIds(answer).subList(0, 2)).containsExactlyInAnyOrder("transcript-puppy", "caption-dog");
            assertThat(answer.get("hits").get(0).get("modality").asText()).isEqualTo("TEXT");
            assertThat(answer.get("hits").get(0).get("model").asText()).isEqualTo("all-minilm-l6-v2-q");

            // And an event's neighbours leave the event itself out
            JsonNode byEvent =
                    get(montage, "/search?event=" + URLEncoder.encode("caption-dog", StandardCharsets.UTF_8) + "&k=2");
            assertThat(eventIds(byEvent))
                    .hasSize(2)
                    .startsWith("transcript-puppy")
                    .doesNotContain("caption-dog");
        }

        // When Montage restarts on the same data and nothing new is sent
        Map<String, String> again = new HashMap<>(searchOn);
        again.putAll(samePorts);
        try (RunningMontage montage = RunningMontage.start(dataDir, again)) {
            // Then the index is rebuilt from the embeddings topic and answers as before
            assertThat(eventIds(awaitIndexed(montage, TEXTS.size())).subList(0, 2))
                    .containsExactlyInAnyOrder("transcript-puppy", "caption-dog");
        }
    }

    /** Searches until the index holds {@code count} embeddings; returns that answer. */
    private JsonNode awaitIndexed(RunningMontage montage, int count) {
        JsonNode[] answer = new JsonNode[1];
        await("the index holds " + count + " embeddings")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    answer[0] = post(montage, "/search/text", "{\"text\": \"a puppy playing on the lawn\", \"k\": 3}");
                    assertThat(answer[0].get("indexed").asInt()).isEqualTo(count);
                });
        return answer[0];
    }

    private static List<String> eventIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("hits").forEach(hit -> ids.add(hit.get("eventId").asText()));
        return ids;
    }

    private JsonNode get(RunningMontage montage, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(montage, path)).GET().build());
    }

    private JsonNode post(RunningMontage montage, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(montage, path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static URI uri(RunningMontage montage, String path) {
        String ready = montage.app.readyUrl().orElseThrow();
        return URI.create(ready.substring(0, ready.length() - "/ready".length()) + path);
    }
}
