package io.montage.models.speech;

import java.util.List;

/**
 * One decoded window of at most 30 s.
 *
 * @param segments times relative to the window's first sample
 */
public record WindowTranscript(List<TranscribedSegment> segments, String language, double languageProbability,
                               double noSpeechProb, double avgLogProb) {

    public WindowTranscript {
        segments = List.copyOf(segments);
    }
}
