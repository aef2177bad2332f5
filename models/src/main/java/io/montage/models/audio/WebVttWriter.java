package io.montage.models.audio;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes timed text as a WebVTT subtitle file (W3C WebVTT: a {@code WEBVTT} header, then cues of
 * {@code HH:MM:SS.mmm --> HH:MM:SS.mmm} and their text, separated by blank lines).
 *
 * <p>Text is wrapped to {@code maxLineChars} (42 by default: the common broadcast subtitle limit) and
 * at most {@code maxLinesPerCue} lines (2) are shown at once; a longer segment becomes several cues
 * that share its time span in proportion to their characters. {@code &}, {@code <} and {@code >}
 * are escaped as the spec requires, so no text can open a tag or end a cue early.
 */
public final class WebVttWriter {

    public static final int DEFAULT_MAX_LINE_CHARS = 42;
    public static final int DEFAULT_MAX_LINES_PER_CUE = 2;

    private final LineWrapper wrapper;
    private final int maxLinesPerCue;

    public WebVttWriter() {
        this(DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_LINES_PER_CUE);
    }

    public WebVttWriter(int maxLineChars, int maxLinesPerCue) {
        if (maxLinesPerCue < 1) {
            throw new IllegalArgumentException("a cue needs at least one line, got maxLinesPerCue=" + maxLinesPerCue);
        }
        this.wrapper = new LineWrapper(maxLineChars);
        this.maxLinesPerCue = maxLinesPerCue;
    }

    /** The document for segments in any order (cues must be in start-time order, so they are sorted); blank texts are left out. */
    public String write(List<TimedText> segments) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        segments.stream()
                .sorted(Comparator.comparingLong(TimedText::startMicros))
                .forEach(s -> appendCues(vtt, s));
        return vtt.toString();
    }

    private void appendCues(StringBuilder vtt, TimedText segment) {
        List<String> lines = wrapper.wrap(segment.text());
        if (lines.isEmpty()) {
            return;
        }
        long totalChars = lines.stream().mapToLong(String::length).sum();
        long duration = segment.endMicros() - segment.startMicros();
        long charsBefore = 0;
        for (int first = 0; first < lines.size(); first += maxLinesPerCue) {
            List<String> cueLines = lines.subList(first, Math.min(first + maxLinesPerCue, lines.size()));
            long cueChars = cueLines.stream().mapToLong(String::length).sum();
            long start = segment.startMicros() + duration * charsBefore / totalChars;
            charsBefore += cueChars;
            long end = segment.startMicros() + duration * charsBefore / totalChars;
            vtt.append('\n')
                    .append(timestamp(start))
                    .append(" --> ")
                    .append(timestamp(end))
                    .append('\n');
            for (String line : cueLines) {
                vtt.append(escape(line)).append('\n');
            }
        }
    }

    /** HH:MM:SS.mmm, milliseconds rounded down; hours grow past two digits if they must. */
    public static String timestamp(long micros) {
        long millis = micros / 1000;
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000);
    }

    /** Text safe in a cue: WebVTT reads {@code <}, {@code &} and {@code -->} as markup. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
