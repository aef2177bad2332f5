package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

import io.montage.models.speech.TinyWhisper;
import io.montage.models.store.ModelFiles;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.SettingsLoader;

/**
 * The audio issue's end-to-end promise: `montage send` a speech file, and a transcript and its
 * WebVTT subtitles arrive for its event id. Silero VAD is the real model (npm-hosted); the Hugging
 * Face-only Whisper weights are stood in for by the tiny random-weight export, declared in a user
 * catalog as a local model. Random weights say nonsense, so the test pins the flow, not the words;
 * a silent clip checks the no-speech path.
 */
class AudioEndToEndTest {

    private static final Path AUDIO = Path.of("..", "models", "src", "test", "resources", "audio");

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() throws Exception {
        ModelFiles whisper = TinyWhisper.files(Files.createDirectories(dataDir.resolve("whisper")));
        Path catalog = UserCatalog.write(dataDir.resolve("my-models.json"), whisper);
        montage = RunningMontage.startWithStages(dataDir.resolve("montage"), Map.of(
                SettingsLoader.MODELS_CATALOG, catalog.toString(),
                SettingsLoader.SPEECH_MODEL, "tiny-whisper"), "transcribe");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void speechBecomesATranscriptWithSubtitlesAndSilenceAnEmptyTranscriptThatSaysWhy() throws Exception {
        String speech;
        String silence;
        try (MediaSender sender = montage.sender()) {
            speech = sender.send(AUDIO.resolve("phrases-16k.flac")).eventId();
            silence = sender.send(Files.write(dataDir.resolve("silence.wav"), silentWav(3))).eventId();
            sender.flush();
        }

        Map<String, Map<String, GenericRecord>> outputs = awaitOutputs(Map.of(speech, 2, silence, 1));

        GenericRecord transcript = outputs.get(speech).get("Transcript");
        assertThat((Long) transcript.get("audioDurationMicros")).isGreaterThan(3_000_000L);
        assertThat(((GenericRecord) transcript.get("model")).get("id").toString()).isEqualTo("tiny-whisper");
        // VAD found the phrases, so Whisper ran on them; the tiny model's words are random.
        if (!transcript.get("text").toString().isBlank()) {
            GenericRecord subtitles = outputs.get(speech).get("GeneratedMedia");
            assertThat(subtitles.get("contentType").toString()).isEqualTo("text/vtt");
            var inline = (java.nio.ByteBuffer) ((GenericRecord) subtitles.get("media")).get("inline");
            assertThat(StandardCharsets.UTF_8.decode(inline).toString()).startsWith("WEBVTT");
        }
        GenericRecord quiet = outputs.get(silence).get("Transcript");
        assertThat(quiet.get("text").toString()).isEmpty();
        assertThat(quiet.get("noSpeechReason").toString()).isEqualTo("no speech detected");
        assertThat(outputs.get(silence)).doesNotContainKey("GeneratedMedia");
    }

    /** Collects outputs by event id and record type until each event has at least the given count. */
    private static Map<String, Map<String, GenericRecord>> awaitOutputs(Map<String, Integer> expected) {
        Map<String, Map<String, GenericRecord>> found = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> topics = List.of(montage.app.topics().transcripts().name(),
                montage.app.topics().generatedMedia().name(), montage.app.topics().deadLetter().name());
        try (TopicTail<GenericRecord> tail = new TopicTail<>(montage.app.bootstrapServers(), Map.of(), topics,
                new GenericRecordDeserializer(montage.app.registryClient()))) {
            while (System.nanoTime() < deadline && !done(found, expected)) {
                tail.poll(Duration.ofMillis(200), r -> found.computeIfAbsent(String.valueOf(r.value().get("eventId")),
                        k -> new HashMap<>()).put(r.value().getSchema().getName(), r.value()));
            }
            tail.poll(Duration.ofSeconds(1), r -> found.computeIfAbsent(String.valueOf(r.value().get("eventId")),
                    k -> new HashMap<>()).put(r.value().getSchema().getName(), r.value()));
        }
        expected.keySet().forEach(id -> assertThat(found).as("outputs of %s", id).containsKey(id));
        found.values().forEach(byType -> assertThat(byType).doesNotContainKey("DeadLetter"));
        return found;
    }

    private static boolean done(Map<String, Map<String, GenericRecord>> found, Map<String, Integer> expected) {
        return expected.entrySet().stream().allMatch(e -> found.containsKey(e.getKey())
                && found.get(e.getKey()).containsKey("Transcript")
                && (found.get(e.getKey()).size() >= e.getValue()
                        || found.get(e.getKey()).get("Transcript").get("text").toString().isBlank()));
    }

    private static byte[] silentWav(int seconds) {
        int rate = 16_000;
        int data = seconds * rate * 2;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return wav.array();
    }
}
