package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.montage.models.media.MediaKind;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.clip.TinyClip;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.SettingsLoader;

/**
 * The vision issue's end-to-end promise: `montage send` an image with text in it, and a caption,
 * an image embedding (with zero-shot scores) and OCR text arrive for its event id, plus text
 * embeddings of the caption and the OCR text. The Hugging Face-only caption and CLIP weights are
 * stood in for by the tiny random-weight exports, declared in a user catalog as local models
 * (montage.models.catalog) exactly as an operator would add a model; OCR and text embeddings run
 * their real models.
 */
class VisionEndToEndTest {

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() throws Exception {
        Path catalog = UserCatalog.write(dataDir.resolve("my-models.json"),
                TinyCaptionModels.vitGpt2(Files.createDirectories(dataDir.resolve("vit-gpt2"))),
                TinyClip.files(Files.createDirectories(dataDir.resolve("clip"))));
        montage = RunningMontage.startWithStages(dataDir.resolve("montage"), Map.of(
                SettingsLoader.MODELS_CATALOG, catalog.toString(),
                SettingsLoader.CAPTION_MODEL, "tiny-vit-gpt2",
                SettingsLoader.IMAGE_EMBEDDING_MODEL, TinyClip.ID,
                SettingsLoader.IMAGE_LABELS, "a poster|a photo of a cat"), "ocr", "caption", "image-embed", "text-embed");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void anImageWithTextGetsACaptionAnImageEmbeddingOcrTextAndTextEmbeddings() throws Exception {
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("sale.png"), Posters.png("SUMMER SALE 50"), MediaKind.IMAGE).eventId();
            sender.flush();
        }

        List<GenericRecord> outputs = awaitOutputs(eventId);

        Map<String, List<GenericRecord>> byType = outputs.stream()
                .collect(Collectors.groupingBy(r -> r.getSchema().getName()));
        assertThat(byType.keySet()).containsExactlyInAnyOrder("Caption", "OcrResult", "Embedding");
        assertThat(byType.get("Caption")).hasSize(1);
        assertThat(byType.get("OcrResult").get(0).get("text").toString().replace(" ", "")).contains("SUMMERSALE");
        Map<String, GenericRecord> embeddings = byType.get("Embedding").stream().collect(Collectors.toMap(
                e -> e.get("modality") + "/" + e.get("textKind"), Function.identity(), (a, b) -> a));
        // Random weights may caption nothing; an empty caption is not passed on for embedding.
        boolean captioned = !byType.get("Caption").get(0).get("text").toString().isBlank();
        assertThat(embeddings).containsOnlyKeys(captioned ? new String[] {"IMAGE/null", "TEXT/OCR", "TEXT/CAPTION"}
                : new String[] {"IMAGE/null", "TEXT/OCR"});
        GenericRecord image = embeddings.get("IMAGE/null");
        assertThat(((GenericRecord) image.get("model")).get("id").toString()).isEqualTo(TinyClip.ID);
        assertThat((List<?>) image.get("labels")).hasSize(2);
    }

    /** Waits for every output the image should produce, then reads on briefly so extras would show. */
    private static List<GenericRecord> awaitOutputs(String eventId) {
        List<GenericRecord> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> topics = List.of(montage.app.topics().captions().name(), montage.app.topics().ocr().name(),
                montage.app.topics().embeddings().name(), montage.app.topics().deadLetter().name());
        try (TopicTail<GenericRecord> tail = new TopicTail<>(montage.app.bootstrapServers(), Map.of(), topics,
                new GenericRecordDeserializer(montage.app.registryClient()))) {
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                tail.poll(Duration.ofMillis(200), r -> {
                    if (eventId.equals(String.valueOf(r.value().get("eventId")))) {
                        found.add(r.value());
                    }
                });
                if (complete(found) && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return found;
    }

    private static boolean complete(List<GenericRecord> found) {
        GenericRecord caption = found.stream().filter(r -> r.getSchema().getName().equals("Caption")).findFirst()
                .orElse(null);
        long embeddings = found.stream().filter(r -> r.getSchema().getName().equals("Embedding")).count();
        boolean ocr = found.stream().anyMatch(r -> r.getSchema().getName().equals("OcrResult"));
        return caption != null && ocr && embeddings >= (caption.get("text").toString().isBlank() ? 2 : 3);
    }
}
