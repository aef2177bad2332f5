package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.speech.TinyWhisper;
import io.montage.models.speech.WhisperRecognizer;
import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.blob.MediaResolver;
import io.montage.schemas.avro.AudioEvent;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.VideoEvent;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcription stage wired as in production (audio/videos → probe → probes → transcribe →
 * transcripts + texts + generated-media), with the tiny random-weight Whisper export standing in for
 * the Hugging Face-only weights. Random weights say nonsense: this pins the wiring, not the words.
 */
class TranscriptionTopologyTest {

    private static final Path MEDIA = Path.of("..", "models", "src", "test", "resources", "media");

    @TempDir
    Path dir;

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private WhisperRecognizer whisper;
    private TestPipeline pipeline;

    @BeforeEach
    void build() throws IOException {
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs"));
        whisper = TinyWhisper.builder(Files.createDirectories(dir.resolve("whisper")))
                .build();
        TranscriptionStage stage = new TranscriptionStage(
                resolver,
                new FfmpegAudioDecoder(TestTopologies.LIMITS),
                whisper,
                new ModelRef("tiny-whisper", null, "cpu"));
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withTranscription(stage));
    }

    @AfterEach
    void close() {
        pipeline.close();
        whisper.close();
    }

    @Test
    void anAudioClipBecomesATranscriptAndWhereThereIsTextItsSubtitlesAndATextRecord() throws IOException {
        pipeline.pipe(
                topics.audio(),
                "clip-1",
                AudioEvent.newBuilder()
                        .setEventId("clip-1")
                        .setLanguageHint("en")
                        .setMedia(inline("speech-montage.ogg"))
                        .build());

        Transcript transcript = pipeline.readValues(topics.transcripts()).get(0);
        List<TextEvent> texts = pipeline.readValues(topics.texts());
        List<GeneratedMedia> generated = pipeline.readValues(topics.generatedMedia());
        assertThat(transcript.getEventId()).isEqualTo("clip-1");
        assertThat(transcript.getAudioDurationMicros()).isBetween(2_400_000L, 2_700_000L);
        assertThat(transcript.getModel().getId()).isEqualTo("tiny-whisper");
        if (transcript.getText().isBlank()) {
            assertThat(transcript.getNoSpeechReason()).isNotBlank();
            assertThat(texts).isEmpty();
            assertThat(generated).isEmpty();
            return;
        }
        assertThat(transcript.getSegments()).isNotEmpty().allSatisfy(segment -> assertThat(segment.getEndMicros())
                .isGreaterThanOrEqualTo(segment.getStartMicros())
                .isLessThanOrEqualTo(3_000_000L));
        TextEvent text = texts.get(0);
        assertThat(text.getKind()).isEqualTo(TextKind.TRANSCRIPT);
        assertThat(text.getText()).isEqualTo(transcript.getText());
        GeneratedMedia vtt = generated.get(0);
        assertThat(vtt.getKind()).isEqualTo(GeneratedKind.SUBTITLES);
        assertThat(vtt.getContentType()).isEqualTo("text/vtt");
        assertThat(StandardCharsets.UTF_8.decode(vtt.getMedia().getInline()).toString())
                .startsWith("WEBVTT");
    }

    @Test
    void videoWithASoundTrackIsTranscribedAndImagesAreNot() throws IOException {
        pipeline.pipe(
                topics.videos(),
                "video-1",
                VideoEvent.newBuilder()
                        .setEventId("video-1")
                        .setMedia(inline("clip-2s-320x240.mp4"))
                        .build());
        pipeline.pipe(
                topics.images(),
                "image-1",
                ImageEvent.newBuilder()
                        .setEventId("image-1")
                        .setMedia(inline("image-320x240.png"))
                        .build());

        List<Transcript> all = pipeline.readValues(topics.transcripts());
        assertThat(all).extracting(Transcript::getEventId).containsExactly("video-1");
        assertThat(all.get(0).getAudioDurationMicros()).isBetween(1_900_000L, 2_100_000L);
    }

    private static Media inline(String fixture) throws IOException {
        return Media.newBuilder()
                .setInline(ByteBuffer.wrap(Files.readAllBytes(MEDIA.resolve(fixture))))
                .build();
    }
}
