package io.montage.models.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.reference.SharedReference;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.NpmHostedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real Silero VAD v5 model; skipped (saying why) where npm cannot fetch it. */
@Tag("network")
class SileroVadTest {

    private static final long TOLERANCE_MICROS = 150_000;
    private static SileroVad vad;

    @BeforeAll
    static void openModel() {
        Path model = NpmHostedModels.pull(SileroVad.MODEL_ID)
                .map(f -> f.path(SileroVad.MODEL_FILE))
                .orElse(null);
        Assumptions.assumeTrue(model != null, () -> NpmHostedModels.unavailableReason(SileroVad.MODEL_ID));
        vad = SileroVad.open(new ModelRuntime(RuntimeSettings.cpu()), model, VadSettings.defaults());
    }

    @AfterAll
    static void closeModel() {
        if (vad != null) {
            vad.close();
        }
    }

    @Test
    void segmentsMatchTheKnownPhraseBoundariesWithin150Milliseconds() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(AudioFixtures.bytes("phrases-16k.json"));
        float[] audio = decode(AudioFixtures.bytes("phrases-16k.flac"));
        assertThat(audio.length).isEqualTo(truth.get("samples").asInt());

        List<SpeechSegment> segments = vad.detect(audio);

        JsonNode speech = truth.get("speech");
        assertThat(segments).hasSize(speech.size());
        for (int i = 0; i < speech.size(); i++) {
            long expectedStart = speech.get(i).get("startSample").asLong() * 1_000_000 / 16_000;
            long expectedEnd = speech.get(i).get("endSample").asLong() * 1_000_000 / 16_000;
            SpeechSegment actual = segments.get(i);
            System.out.printf(
                    "phrase %d: start error %+d ms, end error %+d ms%n",
                    i + 1, (actual.startMicros() - expectedStart) / 1000, (actual.endMicros() - expectedEnd) / 1000);
            assertThat(actual.startMicros())
                    .isBetween(expectedStart - TOLERANCE_MICROS, expectedStart + TOLERANCE_MICROS);
            assertThat(actual.endMicros()).isBetween(expectedEnd - TOLERANCE_MICROS, expectedEnd + TOLERANCE_MICROS);
        }
    }

    @Test
    void pureSilenceHasNoSpeech() {
        assertThat(vad.detect(new float[5 * 16_000])).isEmpty();
    }

    @Test
    void whiteNoiseHasNoSpeech() {
        Random random = new Random(42);
        float[] noise = new float[5 * 16_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.1 * random.nextGaussian());
        }
        assertThat(vad.detect(noise)).isEmpty();
    }

    @Test
    void audioShorterThanOneWindowHasNoSpeech() {
        assertThat(vad.detect(new float[0])).isEmpty();
        assertThat(vad.detect(new float[100])).isEmpty();
    }

    @Test
    void aBatchOfClipsGivesWhatEachClipGivesAlone() {
        float[] phrases = decode(AudioFixtures.bytes("phrases-16k.flac"));
        float[] hello = AudioFixtures.wav16kMono("hello-16k.wav");
        float[] silence = new float[16_000];

        List<float[]> batched = vad.speechProbabilities(List.of(hello, phrases, silence));

        List<float[]> alone = List.of(
                vad.speechProbabilities(hello), vad.speechProbabilities(phrases), vad.speechProbabilities(silence));
        for (int c = 0; c < alone.size(); c++) {
            assertThat(batched.get(c)).hasSameSizeAs(alone.get(c));
            for (int w = 0; w < alone.get(c).length; w++) {
                assertThat(batched.get(c)[w]).isCloseTo(alone.get(c)[w], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        assertThat(vad.detectAll(List.of(hello, phrases))).containsExactly(vad.detect(hello), vad.detect(phrases));
    }

    @Test
    void jfkRecordingIsSpeechFromAboutAThirdOfASecondToTenAndAHalf() throws Exception {
        Path jfk = SharedReference.file("jfk.flac").orElse(null);
        Assumptions.assumeTrue(jfk != null, SharedReference.absenceReason("jfk.flac"));
        List<SpeechSegment> segments = vad.detect(decode(Files.readAllBytes(jfk)));
        System.out.println("jfk.flac speech segments (s): "
                + segments.stream()
                        .map(s -> String.format("%.2f-%.2f", s.startMicros() / 1e6, s.endMicros() / 1e6))
                        .toList());
        assertThat(segments).isNotEmpty();
        assertThat(segments.get(0).startMicros()).isBetween(0L, 600_000L);
        assertThat(segments.get(segments.size() - 1).endMicros()).isBetween(10_000_000L, 11_000_000L);
        long speech = segments.stream().mapToLong(SpeechSegment::durationMicros).sum();
        assertThat(speech).isGreaterThan(7_000_000L);
    }

    @Test
    void aClosedDetectorRefusesWork() {
        Path model = NpmHostedModels.pull(SileroVad.MODEL_ID).orElseThrow().path(SileroVad.MODEL_FILE);
        SileroVad closed = SileroVad.open(new ModelRuntime(RuntimeSettings.cpu()), model, VadSettings.defaults());
        closed.close();
        assertThatThrownBy(() -> closed.detect(new float[1024]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static float[] decode(byte[] media) {
        try {
            return new FfmpegAudioDecoder(MediaLimits.defaults()).decodeMono16k(media);
        } catch (Exception e) {
            throw new IllegalStateException("cannot decode test audio: " + e.getMessage(), e);
        }
    }
}
