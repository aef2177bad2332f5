package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.reference.SharedReference;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Whisper on openai/whisper's own test clip (shared/reference/jfk.flac; its README: language en, the
 * transcript contains "my fellow americans"). Runs only where the model is already in the model cache
 * ({@code montage models pull whisper-tiny.en}) and the reference clip is present; otherwise skips, saying why.
 */
class WhisperConformanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"whisper-tiny.en", "whisper-base"})
    void transcribesJfkLikeOpenaiWhisper(String modelId) throws Exception {
        Path jfk = SharedReference.file("jfk.flac").orElse(null);
        skipUnless(jfk != null, SharedReference.absenceReason("jfk.flac"));
        ModelFiles files;
        try {
            files = ModelStore.builder().offline(true).build().resolve(modelId);
        } catch (ModelUnavailableException e) {
            skipUnless(
                    false,
                    "needs Hugging Face-only weights: the real " + modelId
                            + " weights are not in the model cache; run: " + "montage models pull " + modelId
                            + " where Hugging Face can be reached");
            return;
        }
        float[] audio = new FfmpegAudioDecoder(MediaLimits.defaults()).decodeMono16k(Files.readAllBytes(jfk));
        try (WhisperRecognizer whisper = WhisperRecognizer.builder()
                .files(files)
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build()) {
            Transcription t = whisper.transcribe(audio);
            System.out.println(modelId + ": " + t);
            assertThat(t.text().toLowerCase(java.util.Locale.ROOT)).contains("my fellow americans");
            assertThat(t.language()).isEqualTo("en");
            if (!whisper.tokens().englishOnly()) {
                assertThat(t.languageProbability()).isGreaterThan(0.5);
            }
            assertThat(t.segments()).isNotEmpty().allSatisfy(s -> assertThat(s.endMicros())
                    .isLessThanOrEqualTo(t.durationMicros()));
        }
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED WhisperConformanceTest: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }
}
