package io.montage.models.speech;

import io.montage.models.audio.SpeechSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups speech segments into recogniser windows: consecutive segments share a window while it spans at most
 * {@code maxWindowMicros} from its first segment's start to its last one's end (the silence between them stays
 * in, so times inside a window map linearly to the clip). A segment longer than a window is cut into
 * window-sized pieces; pass {@code VadSettings.withMaxSpeechMillis(30_000)} to the VAD to have it cut at
 * silences instead.
 */
public final class WindowPlanner {

    private final long maxWindowMicros;

    public WindowPlanner(long maxWindowMicros) {
        if (maxWindowMicros <= 0) {
            throw new IllegalArgumentException("window length must be > 0 µs, got " + maxWindowMicros);
        }
        this.maxWindowMicros = maxWindowMicros;
    }

    public List<AudioWindow> plan(List<SpeechSegment> speech) {
        List<AudioWindow> windows = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (SpeechSegment segment : speech) {
            for (long s = segment.startMicros(); s < segment.endMicros(); s += maxWindowMicros) {
                long e = Math.min(segment.endMicros(), s + maxWindowMicros);
                if (start >= 0 && e - start <= maxWindowMicros) {
                    end = e;
                    continue;
                }
                if (start >= 0) {
                    windows.add(new AudioWindow(start, end));
                }
                start = s;
                end = e;
            }
        }
        if (start >= 0) {
            windows.add(new AudioWindow(start, end));
        }
        return windows;
    }

    /** Back-to-back windows over a whole clip, for recognisers run without voice activity detection. */
    public List<AudioWindow> cover(long durationMicros) {
        return durationMicros <= 0 ? List.of() : plan(List.of(new SpeechSegment(0, durationMicros)));
    }
}
