package io.montage.models.speech;

import io.montage.models.audio.TimedText;
import java.util.List;

/**
 * What was said in a clip.
 *
 * @param text                the segments' text joined
 * @param language            ISO code Whisper heard (or was told); null when nothing was said
 * @param languageProbability its probability among Whisper's languages (1 when given or English-only)
 * @param segments            in time order, times absolute within the clip
 * @param durationMicros      the clip's duration
 * @param noSpeechReason      why there is no text, e.g. {@code VoiceActivityDetector.NO_SPEECH_REASON}; null when
 *                            there is speech
 */
public record Transcription(
        String text,
        String language,
        double languageProbability,
        List<TranscribedSegment> segments,
        long durationMicros,
        String noSpeechReason) {

    public Transcription {
        segments = List.copyOf(segments);
    }

    /** An empty transcript for a clip without speech, never a guess. */
    public static Transcription noSpeech(long durationMicros, String reason) {
        return new Transcription("", null, 0, List.of(), durationMicros, reason);
    }

    public boolean hasSpeech() {
        return noSpeechReason == null;
    }

    /** The segments as subtitle cues for {@code WebVttWriter}. */
    public List<TimedText> timedText() {
        return segments.stream()
                .map(s -> new TimedText(s.startMicros(), s.endMicros(), s.text()))
                .toList();
    }
}
