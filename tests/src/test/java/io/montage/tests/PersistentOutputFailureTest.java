package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.registry.CompatibilityLevel;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure no retry can fix by itself — the registry refusing the schema of a stage's output —
 * must not loop in silence: /ready fails and says why, a metric counts it, and once the cause is
 * fixed the stage goes on by itself, the input neither lost nor duplicated, never dead-lettered.
 */
class PersistentOutputFailureTest {

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;
    private static int httpPort;

    @BeforeAll
    static void start() {
        httpPort = EmbeddedKafkaBroker.freePort();
        montage = RunningMontage.start(
                dataDir,
                Map.of(MontageConfig.STAGES, "text-embed", MontageConfig.HTTP_PORT, Integer.toString(httpPort)));
    }

    @AfterAll
    static void stop() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void aRegistryThatRefusesTheOutputSchemaTurnsReadyRedUntilFixedAndNothingIsLost() throws Exception {
        // Given a registry whose embeddings-value subject holds an unrelated schema, and FULL compatibility
        String subject = montage.app.topics().embeddings().name() + "-value";
        var registry = montage.app.registryClient();
        registry.register(subject, new Schema.Parser().parse("""
                {"type": "record", "name": "Embedding", "namespace": "io.montage.schemas.avro",
                 "fields": [{"name": "somethingElse", "type": "string"}]}"""));
        registry.setSubjectCompatibility(subject, CompatibilityLevel.FULL);

        // When a text arrives for the embedder
        try (MediaSender sender = montage.sender()) {
            sender.produce(
                    montage.app.topics().texts(),
                    "t-1",
                    TextEvent.newBuilder()
                            .setEventId("t-1")
                            .setKind(TextKind.CAPTION)
                            .setText("a lighthouse at dusk")
                            .build());
            sender.flush();
        }

        // Then /ready fails with the reason and the failures are counted
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("montage-text-embed").contains("failing:");
        });
        assertThat(get("/metrics").body())
                .containsPattern("montage_stage_failures_total\\{[^}]*stage=\"text-embed\"[^}]*} [1-9]");

        // And once the registry accepts it again the stage goes on by itself: one embedding, no dead-letter
        registry.setSubjectCompatibility(subject, CompatibilityLevel.NONE);
        List<GenericRecord> outputs = new ArrayList<>();
        try (TopicTail<GenericRecord> tail = new TopicTail<>(
                montage.app.bootstrapServers(),
                Map.of(),
                List.of(
                        montage.app.topics().embeddings().name(),
                        montage.app.topics().deadLetter().name()),
                new GenericRecordDeserializer(registry))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                tail.poll(Duration.ofMillis(200), r -> outputs.add(r.value()));
                return !outputs.isEmpty();
            });
            tail.poll(Duration.ofSeconds(2), r -> outputs.add(r.value()));
        }
        assertThat(outputs).singleElement().satisfies(output -> {
            assertThat(output.getSchema().getName()).isEqualTo("Embedding");
            assertThat(output.get("eventId").toString()).isEqualTo("t-1");
        });
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
