package io.montage.processors.video;

import io.montage.schemas.avro.TranscriptSegment;
import java.util.List;

/**
 * Which of a clip's transcript segments belong to a scene: those that share any time with it. A
 * segment {@code [start, end)} overlaps the scene {@code [start, end)} when it starts before the
 * scene ends and ends after it starts, so a sentence spoken across a cut is given to both scenes
 * (a reader of one scene sees all that was said while it was on screen), and a segment that ends
 * exactly where the scene starts is not.
 */
public final class TranscriptOverlap {

    private TranscriptOverlap() {}

    /** The segments of {@code transcript} that overlap the scene, in the transcript's order. */
    public static List<TranscriptSegment> of(
            List<TranscriptSegment> transcript, long sceneStartMicros, long sceneEndMicros) {
        return transcript.stream()
                .filter(segment ->
                        segment.getStartMicros() < sceneEndMicros && segment.getEndMicros() > sceneStartMicros)
                .toList();
    }
}
