package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.speech.TinyWhisper;
import io.montage.models.store.ModelFiles;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.Transcript;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(MontageConfig.MODELS_CATALOG, catalog.toString(), MontageConfig.SPEECH_MODEL, "tiny-whisper"),
                "transcribe");
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
            silence = sender.send(Files.write(dataDir.resolve("silence.wav"), silentWav(3)))
                    .eventId();
            sender.flush();
        }

        Map<String, Map<Class<?>, SpecificRecord>> outputs = awaitOutputs(Map.of(speech, 2, silence, 1));

        Transcript transcript = output(outputs, speech, Transcript.class);
        assertThat(transcript.getAudioDurationMicros()).isGreaterThan(3_000_000L);
        assertThat(transcript.getModel().getId()).isEqualTo("tiny-whisper");
        // VAD found the phrases, so Whisper ran on them; the tiny model's words are random.
        if (!transcript.getText().isBlank()) {
            GeneratedMedia subtitles = output(outputs, speech, GeneratedMedia.class);
            assertThat(subtitles.getContentType()).isEqualTo("text/vtt");
            assertThat(StandardCharsets.UTF_8
                            .decode(subtitles.getMedia().getInline())
                            .toString())
                    .startsWith("WEBVTT");
        }
        Transcript quiet = output(outputs, silence, Transcript.class);
        assertThat(quiet.getText()).isEmpty();
        assertThat(quiet.getNoSpeechReason()).isEqualTo("no speech detected");
        assertThat(outputs.get(silence)).doesNotContainKey(GeneratedMedia.class);
    }

    /** Collects outputs by event id and record type until each event has at least the given count. */
    private static Map<String, Map<Class<?>, SpecificRecord>> awaitOutputs(Map<String, Integer> expected) {
        Map<String, Map<Class<?>, SpecificRecord>> found = new HashMap<>();
        Consumer<ConsumerRecord<String, SpecificRecord>> sink =
                r -> found.computeIfAbsent(RunningMontage.eventId(r.value()), k -> new HashMap<>())
                        .put(r.value().getClass(), r.value());
        try (TopicTail<SpecificRecord> tail = montage.tail(
                montage.app.topics().transcripts(),
                montage.app.topics().generatedMedia(),
                montage.app.topics().deadLetter())) {
            await("a transcript for each of " + expected.keySet() + ", and subtitles where it has text")
                    .atMost(Duration.ofSeconds(90))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), sink);
                        assertThat(done(found, expected))
                                .as("outputs so far: %s", types(found))
                                .isTrue();
                    });
            tail.poll(Duration.ofSeconds(1), sink);
        }
        expected.keySet()
                .forEach(id -> assertThat(found).as("outputs of %s", id).containsKey(id));
        found.values().forEach(byType -> assertThat(byType).doesNotContainKey(DeadLetter.class));
        return found;
    }

    private static boolean done(Map<String, Map<Class<?>, SpecificRecord>> found, Map<String, Integer> expected) {
        return expected.entrySet().stream()
                .allMatch(e -> found.containsKey(e.getKey())
                        && found.get(e.getKey()).containsKey(Transcript.class)
                        && (found.get(e.getKey()).size() >= e.getValue()
                                || output(found, e.getKey(), Transcript.class)
                                        .getText()
                                        .isBlank()));
    }

    private static Map<String, List<String>> types(Map<String, Map<Class<?>, SpecificRecord>> found) {
        Map<String, List<String>> types = new HashMap<>();
        found.forEach((id, byType) -> types.put(
                id, byType.keySet().stream().map(Class::getSimpleName).sorted().toList()));
        return types;
    }

    private static <T extends SpecificRecord> T output(
            Map<String, Map<Class<?>, SpecificRecord>> outputs, String eventId, Class<T> type) {
        assertThat(outputs.get(eventId)).as("outputs of %s", eventId).containsKey(type);
        return type.cast(outputs.get(eventId).get(type));
    }

    private static byte[] silentWav(int seconds) {
        int rate = 16_000;
        int data = seconds * rate * 2;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + data)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(data);
        return wav.array();
    }
}
