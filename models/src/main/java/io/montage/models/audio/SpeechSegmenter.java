package io.montage.models.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-window speech probabilities into speech segments with the rules of Silero's
 * {@code get_speech_timestamps} (utils_vad.py), re-implemented from its documented parameters:
 * hysteresis between {@code threshold} and {@code negThreshold}, silences shorter than the minimum
 * bridged, short bursts dropped, optional splitting of over-long speech, then padding.
 */
public final class SpeechSegmenter {

    /** utils_vad.py {@code min_silence_at_max_speech}: a silence this long is a good place to split over-long speech. */
    private static final int SPLIT_SILENCE_MILLIS = 98;

    private final VadSettings settings;
    private final int sampleRate;
    private final int windowSamples;

    public SpeechSegmenter(VadSettings settings, int sampleRate, int windowSamples) {
        if (sampleRate < 1 || windowSamples < 1) {
            throw new IllegalArgumentException(
                    "sampleRate and windowSamples must be positive, got " + sampleRate + ", " + windowSamples);
        }
        this.settings = settings;
        this.sampleRate = sampleRate;
        this.windowSamples = windowSamples;
    }

    /**
     * @param probabilities speech probability of window i, which starts at sample {@code i * windowSamples}
     * @param totalSamples  the clip's length, where open speech ends and padding stops
     */
    public List<SpeechSegment> segments(float[] probabilities, long totalSamples) {
        List<long[]> speech = findSpeech(probabilities, totalSamples);
        pad(speech, totalSamples);
        var segments = new ArrayList<SpeechSegment>(speech.size());
        for (long[] s : speech) {
            long start = toMicros(s[0]);
            long end = toMicros(s[1]);
            if (end > start) {
                segments.add(new SpeechSegment(start, end));
            }
        }
        return segments;
    }

    /** [start, end) in samples, before padding. */
    private List<long[]> findSpeech(float[] probabilities, long totalSamples) {
        long minSpeech = samples(settings.minSpeechMillis());
        long minSilence = samples(settings.minSilenceMillis());
        long splitSilence = samples(SPLIT_SILENCE_MILLIS);
        long maxSpeech = settings.maxSpeechMillis() == Long.MAX_VALUE
                ? Long.MAX_VALUE
                : samples(settings.maxSpeechMillis()) - windowSamples - 2 * samples(settings.speechPadMillis());
        var speech = new ArrayList<long[]>();
        boolean triggered = false;
        long start = 0;
        long silenceStart = 0; // 0: no silence running (a silence cannot start at sample 0 while triggered)
        long lastLongSilence = 0; // where the last silence over SPLIT_SILENCE began: the preferred split point
        long speechAfterIt = 0; // where speech resumed after that silence
        for (int i = 0; i < probabilities.length; i++) {
            long position = (long) i * windowSamples;
            float p = probabilities[i];
            if (p >= settings.threshold() && silenceStart != 0) {
                silenceStart = 0;
                if (speechAfterIt < lastLongSilence) {
                    speechAfterIt = position;
                }
            }
            if (p >= settings.threshold() && !triggered) {
                triggered = true;
                start = position;
                continue;
            }
            if (triggered && position - start > maxSpeech) {
                if (lastLongSilence != 0) {
                    speech.add(new long[] {start, lastLongSilence});
                    if (speechAfterIt < lastLongSilence) {
                        triggered = false;
                    } else {
                        start = speechAfterIt;
                    }
                } else {
                    speech.add(new long[] {start, position});
                    triggered = false;
                }
                lastLongSilence = speechAfterIt = silenceStart = 0;
                continue;
            }
            if (p < settings.negThreshold() && triggered) {
                if (silenceStart == 0) {
                    silenceStart = position;
                }
                if (position - silenceStart > splitSilence) {
                    lastLongSilence = silenceStart;
                }
                if (position - silenceStart < minSilence) {
                    continue;
                }
                if (silenceStart - start > minSpeech) {
                    speech.add(new long[] {start, silenceStart});
                }
                lastLongSilence = speechAfterIt = silenceStart = 0;
                triggered = false;
            }
        }
        if (triggered && totalSamples - start > minSpeech) {
            speech.add(new long[] {start, totalSamples});
        }
        return speech;
    }

    /** Pads each end by speechPad, or by half the gap where two segments are closer than two pads. */
    private void pad(List<long[]> speech, long totalSamples) {
        long padding = samples(settings.speechPadMillis());
        for (int i = 0; i < speech.size(); i++) {
            long[] current = speech.get(i);
            if (i == 0) {
                current[0] = Math.max(0, current[0] - padding);
            }
            if (i == speech.size() - 1) {
                current[1] = Math.min(totalSamples, current[1] + padding);
                continue;
            }
            long[] next = speech.get(i + 1);
            long gap = next[0] - current[1];
            if (gap < 2 * padding) {
                current[1] += gap / 2;
                next[0] = Math.max(0, next[0] - gap / 2);
            } else {
                current[1] = Math.min(totalSamples, current[1] + padding);
                next[0] = Math.max(0, next[0] - padding);
            }
        }
    }

    private long samples(long millis) {
        return millis * sampleRate / 1000;
    }

    private long toMicros(long sample) {
        return sample * 1_000_000L / sampleRate;
    }
}
