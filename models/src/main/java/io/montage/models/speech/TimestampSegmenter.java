package io.montage.models.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one window's generated tokens into timed segments at its timestamp tokens
 * (time = (id − {@code <|0.00|>}) × 0.02 s, openai/whisper transcribe.py). Well-formed output is
 * {@code <|t0|> text <|t1|><|t1|> text <|t2|>}; the model does not always oblige, so:
 * <ul>
 *   <li>a timestamp after text closes the segment and also opens the next one (so a lone timestamp between
 *       two texts splits them, and a pair closes then opens);</li>
 *   <li>text before any timestamp starts at 0 (or where the previous segment ended);</li>
 *   <li>text after the last timestamp (no closing one: max length, or timestamps off) ends at the window's end;</li>
 *   <li>timestamps with no text between them make no segment;</li>
 *   <li>times are clamped to the window, and a segment lasts at least one timestamp step (20 ms).</li>
 * </ul>
 * Generation stops at {@code <|endoftext|>}; anything from it on is ignored.
 */
public final class TimestampSegmenter {

    private static final long MIN_SEGMENT_MICROS = 20_000;

    private final WhisperTokens tokens;

    public TimestampSegmenter(WhisperTokens tokens) {
        this.tokens = tokens;
    }

    public List<WindowSegment> split(long[] generated, long windowMicros) {
        List<WindowSegment> segments = new ArrayList<>();
        long open = 0;
        long[] text = new long[generated.length];
        int textCount = 0;
        for (long id : generated) {
            if (id == tokens.endOfText()) {
                break;
            }
            if (tokens.isTimestamp(id)) {
                long at = tokens.timestampMicros(id);
                if (textCount > 0) {
                    segments.add(segment(open, at, Arrays.copyOf(text, textCount), windowMicros));
                    textCount = 0;
                }
                open = at;
            } else if (tokens.isText(id)) {
                text[textCount++] = id;
            }
        }
        if (textCount > 0) {
            segments.add(segment(open, windowMicros, Arrays.copyOf(text, textCount), windowMicros));
        }
        return segments;
    }

    private static WindowSegment segment(long start, long end, long[] text, long windowMicros) {
        long clampedStart = Math.min(Math.max(0, start), Math.max(0, windowMicros - MIN_SEGMENT_MICROS));
        long clampedEnd = Math.max(Math.min(end, windowMicros), clampedStart + MIN_SEGMENT_MICROS);
        return new WindowSegment(clampedStart, clampedEnd, text);
    }
}
