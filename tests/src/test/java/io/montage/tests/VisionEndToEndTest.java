package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.ContentKind;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.clip.TinyClip;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.OcrResult;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Path catalog = UserCatalog.write(
                dataDir.resolve("my-models.json"),
                TinyCaptionModels.vitGpt2(Files.createDirectories(dataDir.resolve("vit-gpt2"))),
                TinyClip.files(Files.createDirectories(dataDir.resolve("clip"))));
        montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(
                        MontageConfig.MODELS_CATALOG,
                        catalog.toString(),
                        MontageConfig.CAPTION_MODEL,
                        "tiny-vit-gpt2",
                        MontageConfig.IMAGE_EMBEDDING_MODEL,
                        TinyClip.ID,
                        MontageConfig.IMAGE_LABELS,
                        "a poster|a photo of a cat"),
                "ocr",
                "caption",
                "image-embed",
                "text-embed");
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
            eventId = sender.send(Path.of("sale.png"), Posters.png("SUMMER SALE 50"), ContentKind.IMAGE)
                    .eventId();
            sender.flush();
        }

        List<SpecificRecord> outputs = awaitOutputs(eventId);

        Map<Class<?>, List<SpecificRecord>> byType = outputs.stream().collect(Collectors.groupingBy(Object::getClass));
        assertThat(byType.keySet()).containsExactlyInAnyOrder(Caption.class, OcrResult.class, Embedding.class);
        assertThat(byType.get(Caption.class)).hasSize(1);
        OcrResult ocr = (OcrResult) byType.get(OcrResult.class).get(0);
        assertThat(ocr.getText().replace(" ", "")).contains("SUMMERSALE");
        Map<String, Embedding> embeddings = byType.get(Embedding.class).stream()
                .map(Embedding.class::cast)
                .collect(Collectors.toMap(
                        e -> e.getModality() + "/" + e.getTextKind(), Function.identity(), (a, b) -> a));
        // Random weights may caption nothing; an empty caption is not passed on for embedding.
        boolean captioned =
                !((Caption) byType.get(Caption.class).get(0)).getText().isBlank();
        assertThat(embeddings)
                .containsOnlyKeys(
                        captioned
                                ? new String[] {"IMAGE/null", "TEXT/OCR", "TEXT/CAPTION"}
                                : new String[] {"IMAGE/null", "TEXT/OCR"});
        Embedding image = embeddings.get("IMAGE/null");
        assertThat(image.getModel().getId()).isEqualTo(TinyClip.ID);
        assertThat(image.getLabels()).hasSize(2);
    }

    /** Waits for every output the image should produce, then reads on briefly so extras would show. */
    private static List<SpecificRecord> awaitOutputs(String eventId) {
        List<SpecificRecord> found = new ArrayList<>();
        Consumer<ConsumerRecord<String, SpecificRecord>> sink = r -> {
            if (eventId.equals(RunningMontage.eventId(r.value()))) {
                found.add(r.value());
            }
        };
        try (TopicTail<SpecificRecord> tail = montage.tail(
                montage.app.topics().captions(),
                montage.app.topics().ocr(),
                montage.app.topics().embeddings(),
                montage.app.topics().deadLetter())) {
            await("a caption, OCR text and their embeddings of " + eventId)
                    .atMost(Duration.ofSeconds(90))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), sink);
                        assertThat(complete(found))
                                .as(
                                        "outputs so far: %s",
                                        found.stream()
                                                .map(r -> r.getClass().getSimpleName())
                                                .toList())
                                .isTrue();
                    });
            // Nothing more is due: an extra output ends this poll early, and is kept.
            tail.poll(Duration.ofSeconds(2), sink);
        }
        return found;
    }

    private static boolean complete(List<SpecificRecord> found) {
        Caption caption = found.stream()
                .filter(Caption.class::isInstance)
                .map(Caption.class::cast)
                .findFirst()
                .orElse(null);
        long embeddings = found.stream().filter(Embedding.class::isInstance).count();
        boolean ocr = found.stream().anyMatch(OcrResult.class::isInstance);
        return caption != null && ocr && embeddings >= (caption.getText().isBlank() ? 2 : 3);
    }
}
