package io.montage.models.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The get_speech_timestamps rules on hand-made probabilities (one window = 512 samples = 32 ms). */
class SpeechSegmenterTest {

    private static final int WINDOW = 512;
    private static final long PAD = 480; // 30 ms at 16 kHz

    private final SpeechSegmenter segmenter = new SpeechSegmenter(VadSettings.defaults(), 16_000, WINDOW);

    @Test
    void speechWindowsBecomeOnePaddedSegment() {
        float[] p = probabilities(100, new int[] {10, 40});
        assertThat(segmenter.segments(p, 100 * WINDOW)).containsExactly(segment(10 * WINDOW - PAD, 40 * WINDOW + PAD));
    }

    @Test
    void silenceShorterThanMinSilenceDoesNotSplitSpeech() {
        // 3 windows = 96 ms < 100 ms
        float[] p = probabilities(100, new int[] {10, 30}, new int[] {33, 60});
        assertThat(segmenter.segments(p, 100 * WINDOW)).containsExactly(segment(10 * WINDOW - PAD, 60 * WINDOW + PAD));
    }

    @Test
    void silenceOfMinSilenceSplitsSpeech() {
        // 10 windows = 320 ms of silence
        float[] p = probabilities(100, new int[] {10, 30}, new int[] {40, 60});
        assertThat(segmenter.segments(p, 100 * WINDOW))
                .containsExactly(
                        segment(10 * WINDOW - PAD, 30 * WINDOW + PAD), segment(40 * WINDOW - PAD, 60 * WINDOW + PAD));
    }

    @Test
    void probabilitiesBetweenNegThresholdAndThresholdKeepSpeechGoing() {
        float[] p = probabilities(100, new int[] {10, 60});
        Arrays.fill(p, 25, 45, 0.4f); // below 0.5, above 0.35
        assertThat(segmenter.segments(p, 100 * WINDOW)).containsExactly(segment(10 * WINDOW - PAD, 60 * WINDOW + PAD));
    }

    @Test
    void burstsShorterThanMinSpeechAreDropped() {
        // 7 windows = 224 ms < 250 ms
        float[] p = probabilities(100, new int[] {10, 17});
        assertThat(segmenter.segments(p, 100 * WINDOW)).isEmpty();
    }

    @Test
    void segmentsCloserThanTwoPadsShareTheGap() {
        VadSettings wide = VadSettings.defaults().withSpeechPadMillis(200); // 3200 samples per side
        SpeechSegmenter padded = new SpeechSegmenter(wide, 16_000, WINDOW);
        float[] p = probabilities(100, new int[] {10, 30}, new int[] {40, 60}); // gap 5120 < 6400
        long gap = 10 * WINDOW;
        assertThat(padded.segments(p, 100 * WINDOW))
                .containsExactly(
                        segment(10 * WINDOW - 3200, 30 * WINDOW + gap / 2),
                        segment(40 * WINDOW - gap / 2, 60 * WINDOW + 3200));
    }

    @Test
    void speechRunningToTheEndEndsAtTheLastSample() {
        float[] p = probabilities(50, new int[] {20, 50});
        assertThat(segmenter.segments(p, 50 * WINDOW - 100))
                .containsExactly(segment(20 * WINDOW - PAD, 50 * WINDOW - 100));
    }

    @Test
    void overLongSpeechIsSplitAtItsLastLongSilenceElseHard() {
        // max 2 s: speech is split once it runs past 2 s − one window − two pads = 30528 samples.
        // min silence 300 ms, so the 160 ms pause below (over the 98 ms split silence) does not end speech by itself.
        VadSettings settings = VadSettings.defaults().withMaxSpeechMillis(2000).withMinSilenceMillis(300);
        SpeechSegmenter limited = new SpeechSegmenter(settings, 16_000, WINDOW);
        float[] p = probabilities(200, new int[] {0, 30}, new int[] {35, 100});
        assertThat(limited.segments(p, 200 * WINDOW))
                .containsExactly(
                        segment(0, 30 * WINDOW + PAD), // split at the pause
                        segment(
                                35 * WINDOW - PAD,
                                95 * WINDOW + PAD)); // no pause left: cut hard; the 4-window rest is too short
    }

    @Test
    void silenceGivesNoSegments() {
        assertThat(segmenter.segments(new float[300], 300 * WINDOW)).isEmpty();
    }

    private static float[] probabilities(int windows, int[]... speechRanges) {
        float[] p = new float[windows];
        Arrays.fill(p, 0.05f);
        for (int[] range : speechRanges) {
            Arrays.fill(p, range[0], range[1], 0.95f);
        }
        return p;
    }

    private static SpeechSegment segment(long startSample, long endSample) {
        return new SpeechSegment(startSample * 1_000_000L / 16_000, endSample * 1_000_000L / 16_000);
    }
}
