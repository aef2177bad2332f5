package io.montage.models.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.montage.models.audio.VoiceActivityDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit test of stitching: hand-made window transcripts (no model) into one transcript with absolute times. */
class TranscriptStitcherTest {

    private static final long S = 1_000_000;
    private final TranscriptStitcher stitcher = new TranscriptStitcher();

    private static WindowTranscript window(
            String language, double probability, double noSpeech, double avgLogProb, TranscribedSegment... segments) {
        return new WindowTranscript(List.of(segments), language, probability, noSpeech, avgLogProb);
    }

    private static TranscribedSegment seg(long start, long end, String text) {
        return new TranscribedSegment(start, end, text, -0.3, 0.01);
    }

    @Test
    void windowRelativeTimesBecomeAbsolute() {
        var windows = List.of(new AudioWindow(5 * S, 30 * S), new AudioWindow(40 * S, 52 * S));
        var decoded = List.of(
                window("en", 0.9, 0.01, -0.3, seg(0, 2 * S, "my fellow"), seg(2 * S, 4 * S, "americans")),
                window("en", 0.8, 0.02, -0.4, seg(S, 3 * S, "ask not")));
        Transcription t = stitcher.stitch(windows, decoded, 60 * S);
        assertThat(t.segments()).extracting(TranscribedSegment::startMicros).containsExactly(5 * S, 7 * S, 41 * S);
        assertThat(t.segments()).extracting(TranscribedSegment::endMicros).containsExactly(7 * S, 9 * S, 43 * S);
        assertThat(t.text()).isEqualTo("my fellow americans ask not");
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.languageProbability()).isCloseTo((0.9 * 25 + 0.8 * 12) / 37, within(1e-9));
        assertThat(t.durationMicros()).isEqualTo(60 * S);
        assertThat(t.hasSpeech()).isTrue();
        assertThat(t.timedText()).hasSize(3);
    }

    @Test
    void windowsWhisperJudgesSilentAreDroppedAndTheLanguageFollowsTheMostTime() {
        var windows =
                List.of(new AudioWindow(0, 10 * S), new AudioWindow(10 * S, 40 * S), new AudioWindow(40 * S, 45 * S));
        var decoded = List.of(
                window("de", 0.7, 0.1, -0.5, seg(0, S, "hallo")),
                window("fr", 0.6, 0.2, -0.5, seg(0, S, "bonjour")),
                window("de", 0.99, 0.9, -1.5, seg(0, S, "thank you for watching")));
        Transcription t = stitcher.stitch(windows, decoded, 45 * S);
        assertThat(t.text()).isEqualTo("hallo bonjour");
        assertThat(t.language()).isEqualTo("fr");
    }

    @Test
    void onlySilenceGivesAnEmptyTranscriptWithTheNoSpeechReason() {
        Transcription t = stitcher.stitch(
                List.of(new AudioWindow(0, 5 * S)), List.of(window("en", 0.5, 0.95, -2.0, seg(0, S, "you"))), 5 * S);
        assertThat(t.text()).isEmpty();
        assertThat(t.segments()).isEmpty();
        assertThat(t.noSpeechReason()).isEqualTo(VoiceActivityDetector.NO_SPEECH_REASON);
        assertThat(stitcher.stitch(List.of(), List.of(), 3 * S).noSpeechReason())
                .isEqualTo(VoiceActivityDetector.NO_SPEECH_REASON);
    }
}
