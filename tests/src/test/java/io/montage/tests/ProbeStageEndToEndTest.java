package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.ContentKind;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton's promise, end to end on the embedded default: every input yields exactly
 * one probe result or one dead-letter record with an actionable reason, and the stream keeps going.
 */
class ProbeStageEndToEndTest {

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        // The probe alone: model stages reading probe results would add outputs of their own.
        montage = RunningMontage.start(dataDir, Map.of(MontageConfig.STAGES, "probe"));
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void everyInputEndsAsExactlyOneProbeResultOrDeadLetter() throws Exception {
        // Given valid media of every modality and the bad-input set of the walking-skeleton issue
        Map<String, String> expectedKind = new LinkedHashMap<>();
        Map<String, String> expectedError = new LinkedHashMap<>();
        try (MediaSender sender = montage.sender()) {
            expectedKind.put(
                    sender.send(file("sample-text.jpg", BadMedia.sample("sample-text.jpg")))
                            .eventId(),
                    "IMAGE");
            expectedKind.put(
                    sender.send(file("speech.ogg", BadMedia.sample("sample-speech.ogg")))
                            .eventId(),
                    "AUDIO");
            expectedKind.put(
                    sender.send(file("clip.mp4", BadMedia.sample("sample-clip.mp4")))
                            .eventId(),
                    "VIDEO");
            expectedKind.put(sendVideoFrame(sender), "IMAGE");

            // When the bad inputs are sent as the kind they pretend to be
            expectedError.put(sendAs(sender, "empty.jpg", new byte[0], ContentKind.IMAGE), "EMPTY");
            expectedError.put(
                    sendAs(sender, "noise.mp3", BadMedia.randomBytes(8192, 1), ContentKind.AUDIO),
                    "UNRECOGNISED_FORMAT");
            expectedError.put(
                    sendAs(
                            sender,
                            "cut.mp4",
                            BadMedia.truncated(BadMedia.sample("sample-clip.mp4")),
                            ContentKind.VIDEO),
                    "TRUNCATED|CORRUPT");
            expectedError.put(
                    sendAs(sender, "huge.png", BadMedia.pngClaiming(30_000, 30_000), ContentKind.IMAGE),
                    "TOO_MANY_PIXELS");
            // A header claiming two hours of a one-second file: within the 3 h limit, but not there.
            expectedError.put(
                    sendAs(sender, "two-hours.wav", BadMedia.wavClaiming(2 * 3600), ContentKind.AUDIO), "TRUNCATED");
            // Over the limit: rejected from the header alone, before anything is decoded.
            expectedError.put(
                    sendAs(sender, "four-hours.wav", BadMedia.wavClaiming(4 * 3600), ContentKind.AUDIO), "TOO_LONG");
            expectedError.put(
                    sendAs(sender, "photo.jpg", BadMedia.sample("sample-text.jpg"), ContentKind.AUDIO),
                    "WRONG_MEDIA_KIND");
            expectedError.put(sendReference(sender, "file:///etc/passwd", "00", 10), "BLOB_UNREADABLE");
            expectedError.put(sendReference(sender, "s3://bucket/key", "00", 10), "UNSUPPORTED_REFERENCE");
            // A file URI with an authority part names no file: the producer's error, not Montage's.
            expectedError.put(sendReference(sender, "file://../../etc/passwd", "00", 10), "INVALID_REFERENCE");
            sender.sendRaw(montage.app.topics().images().name(), "not-avro", "{\"eventId\":\"x\"}".getBytes());
            expectedError.put("not-avro", "INVALID_AVRO");
            sender.flush();
        }

        // Then each input has exactly one output, on the topic its validity calls for
        Map<String, List<SpecificRecord>> outputs = collect(expectedKind.size() + expectedError.size());
        assertThat(outputs.keySet())
                .containsExactlyInAnyOrderElementsOf(concat(expectedKind.keySet(), expectedError.keySet()));
        outputs.forEach(
                (id, records) -> assertThat(records).as("outputs for %s", id).hasSize(1));
        expectedKind.forEach((id, kind) -> {
            assertThat(outputs.get(id).get(0)).as("output for %s", id).isInstanceOf(ProbeResult.class);
            ProbeResult probe = (ProbeResult) outputs.get(id).get(0);
            assertThat(probe.getKind().name()).isEqualTo(kind);
            assertThat(probe.getSha256()).hasSize(64);
        });
        expectedError.forEach((id, errorClass) -> {
            DeadLetter deadLetter = deadLetter(outputs, id);
            assertThat(deadLetter.getErrorClass()).as("error class for %s", id).matches(errorClass);
            assertThat(deadLetter.getStage()).isEqualTo("probe");
            assertThat(deadLetter.getReason()).as("reason for %s", id).hasSizeGreaterThan(30);
        });
        DeadLetter huge = deadLetter(outputs, keyOf(expectedError, "TOO_MANY_PIXELS"));
        assertThat(huge.getReason()).contains("30000").contains("montage.media.max-pixels");
    }

    private static DeadLetter deadLetter(Map<String, List<SpecificRecord>> outputs, String id) {
        assertThat(outputs.get(id).get(0)).as("output for %s", id).isInstanceOf(DeadLetter.class);
        return (DeadLetter) outputs.get(id).get(0);
    }

    private Map<String, List<SpecificRecord>> collect(int expected) {
        Map<String, List<SpecificRecord>> byId = new HashMap<>();
        int[] total = {0};
        Consumer<ConsumerRecord<String, SpecificRecord>> sink = r -> {
            String eventId = RunningMontage.eventId(r.value());
            // The undecodable input's dead-letter has no event id, or the one its bytes claim ("x"): it goes by its
            // key.
            String id = eventId != null && !"x".equals(eventId) ? eventId : r.key();
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(r.value());
            total[0]++;
        };
        try (TopicTail<SpecificRecord> tail =
                montage.tail(montage.app.topics().probes(), montage.app.topics().deadLetter())) {
            await("an output for each of " + expected + " inputs")
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), sink);
                        assertThat(total[0])
                                .as("outputs so far, by event id: %s", byId.keySet())
                                .isGreaterThanOrEqualTo(expected);
                    });
            // Nothing more is due: a duplicate ends this poll early, and is kept for the assertions.
            tail.poll(Duration.ofSeconds(2), sink);
        }
        return byId;
    }

    private static String sendAs(MediaSender sender, String name, byte[] data, ContentKind kind) throws IOException {
        return sender.send(Path.of(name), data, kind).eventId();
    }

    private static String sendReference(MediaSender sender, String uri, String sha256, long size) {
        String eventId = "ref-" + uri.hashCode();
        MediaRef ref = MediaRef.newBuilder()
                .setUri(uri)
                .setSha256(sha256)
                .setSize(size)
                .build();
        sender.produce(
                montage.app.topics().images(),
                eventId,
                ImageEvent.newBuilder()
                        .setEventId(eventId)
                        .setMedia(Media.newBuilder().setReference(ref).build())
                        .build());
        return eventId;
    }

    private static String sendVideoFrame(MediaSender sender) throws IOException {
        BufferedImage frame = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        var g = frame.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(8, 8, 32, 24);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(frame, "png", png);
        String eventId = "frame-0";
        sender.produce(
                montage.app.topics().videoFrames(),
                "camera-1",
                VideoFrameEvent.newBuilder()
                        .setEventId(eventId)
                        .setFrame(FrameRef.newBuilder()
                                .setStreamId("camera-1")
                                .setFrameIndex(0)
                                .setPtsMicros(0)
                                .build())
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(png.toByteArray()))
                                .build())
                        .build());
        return eventId;
    }

    private static Path file(String name, byte[] data) throws IOException {
        return Files.write(dataDir.resolve(name), data);
    }

    private static String keyOf(Map<String, String> map, String value) {
        return map.entrySet().stream()
                .filter(e -> e.getValue().equals(value))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
