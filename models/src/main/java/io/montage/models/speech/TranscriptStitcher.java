package io.montage.models.speech;

import io.montage.models.audio.VoiceActivityDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins decoded windows into one transcript with absolute times. A window Whisper itself judges silent is
 * dropped, as openai/whisper transcribe.py does: no-speech probability above {@value #NO_SPEECH_THRESHOLD} and
 * mean log-probability below {@value #LOG_PROB_THRESHOLD} (its {@code no_speech_threshold} and
 * {@code logprob_threshold} defaults). The transcript's language is the one heard over the most window time;
 * its probability the time-weighted mean of those windows' detection probabilities.
 */
public final class TranscriptStitcher {

    static final double NO_SPEECH_THRESHOLD = 0.6;
    static final double LOG_PROB_THRESHOLD = -1.0;

    public Transcription stitch(List<AudioWindow> windows, List<WindowTranscript> decoded, long durationMicros) {
        if (windows.size() != decoded.size()) {
            throw new IllegalArgumentException(windows.size() + " windows but " + decoded.size() + " decoded windows");
        }
        List<TranscribedSegment> segments = new ArrayList<>();
        Map<String, Long> timeByLanguage = new HashMap<>();
        Map<String, Double> weightedProbability = new HashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            AudioWindow window = windows.get(i);
            WindowTranscript w = decoded.get(i);
            if (isSilence(w) || w.segments().isEmpty()) {
                continue;
            }
            for (TranscribedSegment s : w.segments()) {
                TranscribedSegment absolute = s.shiftedBy(window.startMicros());
                segments.add(absolute);
            }
            timeByLanguage.merge(w.language(), window.durationMicros(), Long::sum);
            weightedProbability.merge(w.language(), w.languageProbability() * window.durationMicros(), Double::sum);
        }
        if (segments.isEmpty()) {
            return Transcription.noSpeech(durationMicros, VoiceActivityDetector.NO_SPEECH_REASON);
        }
        String language = timeByLanguage.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
        double probability = weightedProbability.get(language) / timeByLanguage.get(language);
        String text =
                String.join(" ", segments.stream().map(TranscribedSegment::text).toList());
        return new Transcription(text, language, probability, segments, durationMicros, null);
    }

    static boolean isSilence(WindowTranscript w) {
        return w.noSpeechProb() > NO_SPEECH_THRESHOLD && w.avgLogProb() < LOG_PROB_THRESHOLD;
    }
}
