package io.montage.models.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.reference.SharedReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhisperLogMelTest {

    private static final String MEL_FILTERS = "whisper_mel_filters.npz";
    private static final String JFK = "jfk.flac";

    @ParameterizedTest(name = "{0} mel bins")
    @ValueSource(ints = {80, 128})
    void filterBankEqualsWhispersOwnMelFiltersNpz(int melBins) throws Exception {
        Path npz = SharedReference.file(MEL_FILTERS).orElse(null);
        Assumptions.assumeTrue(npz != null, SharedReference.absenceReason(MEL_FILTERS));
        NpyArchive.FloatArray whisper = NpyArchive.read(npz).get("mel_" + melBins);
        assertThat(whisper.shape()).containsExactly(melBins, 201);

        MelFilterBank montage = MelFilterBank.whisper(melBins);
        double maxDiff = 0;
        for (int m = 0; m < melBins; m++) {
            for (int k = 0; k < 201; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(montage.weight(m, k) - whisper.values()[m * 201 + k]));
            }
        }
        System.out.printf(
                "mel filter bank %d x 201: max |Montage - whisper mel_filters.npz| = %.3e%n", melBins, maxDiff);
        assertThat(maxDiff).isLessThanOrEqualTo(1e-6);
    }

    @ParameterizedTest(name = "{0} mel bins")
    @ValueSource(ints = {80, 128})
    void logMelEqualsTheIndependentNumpyReferenceOnCommittedSpeech(int melBins) throws Exception {
        float[] speech = AudioFixtures.wav16kMono("hello-16k.wav");
        Map<String, NpyArchive.FloatArray> reference;
        try (var in = new java.io.ByteArrayInputStream(AudioFixtures.bytes("hello-16k-logmel.npz"))) {
            reference = NpyArchive.read(in, "hello-16k-logmel.npz");
        }
        NpyArchive.FloatArray expected = reference.get("logmel_" + melBins);
        assertThat(expected.shape()).containsExactly(melBins, WhisperLogMel.N_FRAMES);

        float[] actual = new WhisperLogMel(melBins).compute(speech);

        assertThat(actual).hasSize(melBins * WhisperLogMel.N_FRAMES);
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected.values()[i]));
        }
        System.out.printf("log-mel %d bins on hello-16k.wav: max |Java - numpy| = %.3e%n", melBins, maxDiff);
        assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void digitalSilenceIsTheFloorEverywhere() {
        float[] features = new WhisperLogMel(80).compute(new float[16_000]);
        // Every mel power is clamped to 1e-10: log10 = -10, the max is -10 too, so (−10 + 4) / 4 everywhere.
        for (float f : features) {
            assertThat(f).isEqualTo(-1.5f);
        }
    }

    @Test
    void aOneKilohertzToneIsLoudestInTheMelBinCentredNearOneKilohertz() {
        float[] tone = new float[WhisperLogMel.N_SAMPLES];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000.0 * i / WhisperLogMel.SAMPLE_RATE));
        }
        float[] features = new WhisperLogMel(80).compute(tone);
        int frame = 1500;
        int loudest = 0;
        for (int m = 1; m < 80; m++) {
            if (features[m * 3000 + frame] > features[loudest * 3000 + frame]) {
                loudest = m;
            }
        }
        double centreHz = SlaneyMelScale.melToHz(SlaneyMelScale.hzToMel(8000.0) * (loudest + 1) / 81.0);
        assertThat(centreHz).isBetween(900.0, 1100.0);
    }

    @Test
    void onlyTheFirstThirtySecondsCount() {
        float[] speech = AudioFixtures.wav16kMono("hello-16k.wav");
        float[] long35s = new float[35 * 16_000];
        System.arraycopy(speech, 0, long35s, 0, speech.length);
        Arrays.fill(long35s, 31 * 16_000, long35s.length, 0.9f);
        WhisperLogMel logMel = new WhisperLogMel(80);
        assertThat(logMel.compute(long35s)).containsExactly(logMel.compute(speech));
    }

    @Test
    void rejectsMelBinCountsNoWhisperUses() {
        assertThatThrownBy(() -> new WhisperLogMel(64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("80 or 128");
    }

    @Test
    void jfkRecordingMatchesWhispersOwnTestFacts() throws Exception {
        Path jfk = SharedReference.file(JFK).orElse(null);
        Assumptions.assumeTrue(jfk != null, SharedReference.absenceReason(JFK));
        float[] audio = new FfmpegAudioDecoder(MediaLimits.defaults()).decodeMono16k(Files.readAllBytes(jfk));

        double seconds = audio.length / 16_000.0;
        double mean = 0;
        for (float s : audio) {
            mean += s;
        }
        mean /= audio.length;
        double variance = 0;
        for (float s : audio) {
            variance += (s - mean) * (s - mean);
        }
        double std = Math.sqrt(variance / audio.length);
        float[] features = new WhisperLogMel(80).compute(audio);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float f : features) {
            max = Math.max(max, f);
            min = Math.min(min, f);
        }
        System.out.printf("jfk.flac: %.3f s, std %.4f, log-mel max - min %.4f%n", seconds, std, max - min);
        // openai/whisper tests/test_audio.py
        assertThat(seconds).isBetween(10.0, 12.0);
        assertThat(std).isGreaterThan(0).isLessThan(1);
        assertThat(max - min).isLessThanOrEqualTo(2.0f);
    }
}
