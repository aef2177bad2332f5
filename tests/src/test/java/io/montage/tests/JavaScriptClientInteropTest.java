package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.speech.TinyWhisper;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.clip.TinyClip;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Timings;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.ReferenceListWriter;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Montage's topics are a contract for every language, not only Java: a JavaScript consumer (kafkajs
 * and the common Confluent-format Avro deserializer, avsc underneath) reads one record of every
 * output topic and of the dead-letter topic from a running Montage, and decodes exactly what
 * Montage's own Java reader decodes, field by field. Before the perceptual hash became 8 fixed
 * bytes, avsc refused every probe result ("potential precision loss": a long above 2^53).
 *
 * <p>Every stage runs: OCR and text embeddings on their real models, captions, CLIP and Whisper on
 * the tiny random-weight exports declared as local models; a picture put on a reference list and
 * uploaded gives a {@code matches} record. The scenes stage writes {@code scenes} from clips and
 * live streams, which this test does not send, so it writes one scene description, every field
 * set, with Montage's own serializer.
 */
class JavaScriptClientInteropTest {

    private static final Path AUDIO = Path.of("..", "models", "src", "test", "resources", "audio");
    private static final Path PHOTO =
            Path.of("..", "models", "src", "test", "resources", "vision", "photo-720x480.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() throws Exception {
        NodeInteropClient.install();
        Path catalog = UserCatalog.write(
                dataDir.resolve("my-models.json"),
                TinyCaptionModels.vitGpt2(Files.createDirectories(dataDir.resolve("vit-gpt2"))),
                TinyClip.files(Files.createDirectories(dataDir.resolve("clip"))),
                TinyWhisper.files(Files.createDirectories(dataDir.resolve("whisper"))));
        montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(
                        MontageConfig.MODELS_CATALOG, catalog.toString(),
                        MontageConfig.CAPTION_MODEL, "tiny-vit-gpt2",
                        MontageConfig.IMAGE_EMBEDDING_MODEL, TinyClip.ID,
                        MontageConfig.IMAGE_LABELS, "a poster|a photo of a cat",
                        MontageConfig.SPEECH_MODEL, "tiny-whisper"),
                "ocr",
                "caption",
                "image-embed",
                "text-embed",
                "transcribe",
                "match");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void aJavaScriptConsumerDecodesEveryOutputTopicAndTheDeadLetterTopicAsJavaDoes() throws Exception {
        var topics = montage.app.topics();
        Map<String, String> eventIdByTopic = new LinkedHashMap<>();
        try (MediaSender sender = montage.sender()) {
            String image = sender.send(Path.of("poster.png"), Posters.png("OPEN 24 HOURS"), ContentKind.IMAGE)
                    .eventId();
            String speech = sender.send(AUDIO.resolve("phrases-16k.flac")).eventId();
            byte[] noise = new byte[2048];
            new Random(11).nextBytes(noise);
            String broken =
                    sender.send(Path.of("noise.jpg"), noise, ContentKind.IMAGE).eventId();
            // A picture on a reference list, uploaded: the match stage writes its matches record.
            try (ReferenceListWriter lists = new ReferenceListWriter(
                    topics.referenceLists(),
                    new FfmpegMediaProbe(montage.settings.mediaLimits()),
                    new FfmpegImageDecoder(montage.settings.mediaLimits()),
                    montage.app.bootstrapServers(),
                    Map.of())) {
                lists.addPicture("known-bad", "case-7", PHOTO, "interop", false, 50);
            }
            String listed = sender.send(PHOTO).eventId();
            String scene = "scene-" + image;
            sender.produce(topics.scenes(), scene, scene(scene));
            sender.flush();
            eventIdByTopic.put(topics.probes().name(), image);
            eventIdByTopic.put(topics.ocr().name(), image);
            eventIdByTopic.put(topics.captions().name(), image);
            eventIdByTopic.put(topics.embeddings().name(), image);
            eventIdByTopic.put(topics.texts().name(), image);
            eventIdByTopic.put(topics.transcripts().name(), speech);
            eventIdByTopic.put(topics.generatedMedia().name(), speech);
            eventIdByTopic.put(topics.scenes().name(), scene);
            eventIdByTopic.put(topics.matches().name(), listed);
            eventIdByTopic.put(topics.deadLetter().name(), broken);
        }

        Map<String, GenericRecord> java = javaRecords(eventIdByTopic);
        NodeInteropClient.Result node =
                NodeInteropClient.decode(montage.app.bootstrapServers(), montage.app.registryUrl(), eventIdByTopic, 60);

        assertThat(node.exit())
                .as("decode-topics.js exit; stderr:\n%s", node.errors())
                .isZero();
        Map<String, JsonNode> decoded = new HashMap<>();
        for (String line : node.output().lines().toList()) {
            JsonNode parsed = JSON.readTree(line);
            decoded.put(parsed.get("topic").asText(), parsed);
            System.out.println("JavaScript decoded " + abbreviated(line));
        }
        assertThat(decoded).containsOnlyKeys(eventIdByTopic.keySet());
        for (String topic : eventIdByTopic.keySet()) {
            JsonNode js = decoded.get(topic);
            assertThat(js.has("error"))
                    .as("%s: %s", topic, js.path("error").asText())
                    .isFalse();
            GenericRecord record = java.get(topic);
            assertThat(js.get("schema").asText())
                    .as(topic)
                    .isEqualTo(record.getSchema().getFullName());
            assertThat(js.get("value").equals(JavaScriptClientInteropTest::sameNumber, plain(record)))
                    .as(
                            "%s decodes in JavaScript as in Java:%n  js:   %s%n  java: %s",
                            topic, js.get("value"), plain(record))
                    .isTrue();
        }
    }

    /** Montage's own reading of the same records: the first with the event id, per topic. */
    private static Map<String, GenericRecord> javaRecords(Map<String, String> eventIdByTopic) {
        Map<String, GenericRecord> found = new HashMap<>();
        try (TopicTail<GenericRecord> tail = new TopicTail<>(
                montage.app.bootstrapServers(),
                Map.of(),
                eventIdByTopic.keySet().stream().toList(),
                new GenericRecordDeserializer(montage.app.registryClient()))) {
            await("the record of each event on its topic, read in Java: " + eventIdByTopic)
                    .atMost(Duration.ofSeconds(120))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), r -> {
                            if (String.valueOf(r.value().get("eventId")).equals(eventIdByTopic.get(r.topic()))) {
                                found.putIfAbsent(r.topic(), r.value());
                            }
                        });
                        assertThat(found.size())
                                .as("topics read so far: %s", found.keySet())
                                .isGreaterThanOrEqualTo(eventIdByTopic.size());
                    });
        }
        assertThat(found).as("one record per topic, read in Java").containsOnlyKeys(eventIdByTopic.keySet());
        return found;
    }

    private static SceneDescription scene(String eventId) {
        return SceneDescription.newBuilder()
                .setEventId(eventId)
                .setInput(new InputRef("video-frames", 0, 42L))
                .setStreamId("camera-7")
                .setStartPtsMicros(12_000_000L)
                .setEndPtsMicros(19_500_000L)
                .setDescription("a shop front at night")
                .setModel(new ModelRef("tiny-vit-gpt2", null, "cpu"))
                .setTimings(Timings.newBuilder()
                        .setInputTimestamp(Instant.ofEpochMilli(1_796_000_000_000L))
                        .setProcessingMicros(1234)
                        .build())
                .setSceneIndex(3)
                .setFrameCount(15)
                .setClosedBy(SceneClosedBy.NEXT_SCENE)
                .setKeyframe(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00}))
                        .setContentType("image/jpeg")
                        .setFileName("camera-7-scene-3.jpg")
                        .build())
                .setKeyframeFrame(new FrameRef("camera-7", 24L, 12_000_000L))
                .setOcrText("OPEN 24 HOURS")
                .build();
    }

    /**
     * A Java record in the form the JavaScript client prints: unions unwrapped, bytes and fixed as
     * {"hex": …}, enums and strings as text, numbers as numbers.
     */
    private static JsonNode plain(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode node = f.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), plain(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return f.objectNode().put("hex", HexFormat.of().formatHex(copy));
        }
        if (value instanceof GenericFixed fixed) {
            return f.objectNode().put("hex", HexFormat.of().formatHex(fixed.bytes()));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(k.toString(), plain(v)));
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = f.arrayNode();
            items.forEach(item -> array.add(plain(item)));
            return array;
        }
        if (value instanceof Float number) {
            return f.numberNode(number.doubleValue());
        }
        if (value instanceof Double number) {
            return f.numberNode(number);
        }
        if (value instanceof Long number) {
            return f.numberNode(number);
        }
        if (value instanceof Integer number) {
            return f.numberNode(number);
        }
        if (value instanceof Boolean bool) {
            return f.booleanNode(bool);
        }
        return f.textNode(value.toString());
    }

    /** Numbers compare by value (JavaScript prints the float 3.0 as 3); everything else by equality. */
    private static int sameNumber(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static String abbreviated(String line) {
        return line.length() <= 400 ? line : line.substring(0, 400) + "… (" + line.length() + " chars)";
    }
}
