package io.montage.models.video;

import java.util.Arrays;
import java.util.Objects;

/**
 * One sampled frame of a stream as the scene tracker sees it: where it sits in stream time, its
 * signature, and the small encoded picture that becomes the scene's keyframe if it opens a scene.
 *
 * @param ptsMicros  presentation time from the start of the stream
 * @param frameIndex the frame's index in its stream
 * @param eventId    the frame's event id (for a clip, the clip's)
 * @param signature  what scene changes are measured on
 * @param keyframe   the frame as a small JPEG (see {@link Keyframes})
 */
public record SceneFrame(long ptsMicros, long frameIndex, String eventId, FrameSignature signature, byte[] keyframe) {

    public SceneFrame {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(keyframe, "keyframe");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SceneFrame other
                && ptsMicros == other.ptsMicros
                && frameIndex == other.frameIndex
                && eventId.equals(other.eventId)
                && signature.equals(other.signature)
                && Arrays.equals(keyframe, other.keyframe);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ptsMicros, frameIndex, eventId, signature, Arrays.hashCode(keyframe));
    }

    @Override
    public String toString() {
        return "SceneFrame[" + frameIndex + " @" + ptsMicros + "us, " + eventId + "]";
    }
}
