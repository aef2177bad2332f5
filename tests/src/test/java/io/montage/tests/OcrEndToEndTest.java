package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.montage.models.media.MediaKind;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;

/**
 * An image with text in it, sent like a user would, comes out as a probe result, an OCR record
 * with the text and its boxes (real PP-OCRv4), and a text embedding of that text — the chain
 * images → probes → ocr + texts → embeddings. Needs the npm-hosted OCR model: skipped, saying
 * why, where it cannot be fetched.
 */
class OcrEndToEndTest {

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        montage = RunningMontage.startWithStages(dataDir, Map.of(), "ocr", "text-embed");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void textInAnUploadedImageBecomesOcrTextAndATextEmbedding() throws Exception {
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("poster.png"), poster("MONTAGE READS TEXT", "Order 4521 ships today!"),
                    MediaKind.IMAGE).eventId();
            sender.flush();
        }

        Map<String, GenericRecord> outputs = awaitOutputs(eventId, List.of(montage.app.topics().probes().name(),
                montage.app.topics().ocr().name(), montage.app.topics().embeddings().name()));

        GenericRecord ocr = outputs.get(montage.app.topics().ocr().name());
        String text = ocr.get("text").toString();
        assertThat(text.toUpperCase(Locale.ROOT).replace(" ", "")).contains("MONTAGEREADSTEXT").contains("4521");
        assertThat((List<?>) ocr.get("lines")).hasSize(2);
        assertThat(((GenericRecord) ocr.get("model")).get("id").toString()).isEqualTo("pp-ocrv4");
        GenericRecord embedding = outputs.get(montage.app.topics().embeddings().name());
        assertThat(embedding.get("textKind").toString()).isEqualTo("OCR");
        assertThat(embedding.get("dimension")).isEqualTo(384);
    }

    private static byte[] poster(String headline, String line) throws Exception {
        BufferedImage image = new BufferedImage(640, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 240);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        g.drawString(headline, 30, 90);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 36));
        g.drawString(line, 30, 170);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Map<String, GenericRecord> awaitOutputs(String eventId, List<String> topics) {
        Map<String, GenericRecord> byTopic = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (TopicTail<GenericRecord> tail = new TopicTail<>(montage.app.bootstrapServers(), Map.of(), topics,
                new GenericRecordDeserializer(montage.app.registryClient()))) {
            while (byTopic.size() < topics.size() && System.nanoTime() < deadline) {
                tail.poll(Duration.ofMillis(200), r -> {
                    if (eventId.equals(String.valueOf(r.value().get("eventId")))) {
                        byTopic.put(r.topic(), r.value());
                    }
                });
            }
        }
        assertThat(byTopic.keySet()).containsExactlyInAnyOrderElementsOf(topics);
        return byTopic;
    }
}
