package io.montage.processors.moderation;

import io.montage.models.media.ImageDecoder;
import io.montage.models.media.MediaRejectedException;
import io.montage.models.media.ProbePdq;
import io.montage.models.vision.hash.PdqResult;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.SceneDescription;

/**
 * The PDQ hash of a scene's keyframe, computed as the probe computes a picture's ({@link ProbePdq}:
 * decoded by the same decoder, borders trimmed, at most 512 pixels a side), so a list entry made
 * from a still by {@code montage lists add} matches the keyframe of a video showing that still.
 * Thread-safe where its decoder is.
 */
public final class KeyframePdq {

    private final MediaResolver resolver;
    private final ImageDecoder decoder;

    public KeyframePdq(MediaResolver resolver, ImageDecoder decoder) {
        this.resolver = resolver;
        this.decoder = decoder;
    }

    /** Scenes written before keyframes (or by another producer without one) have nothing to hash. */
    public static boolean hasKeyframe(SceneDescription scene) {
        return scene.getKeyframe() != null;
    }

    /**
     * @throws StageRejection where the keyframe cannot be read or decoded, with the decoder's class
     *     (a scene record's producer wrote a damaged picture)
     */
    public PdqResult of(SceneDescription scene) throws StageRejection {
        byte[] data = resolver.bytes(scene.getKeyframe());
        try {
            return ProbePdq.of(decoder.decode(data));
        } catch (MediaRejectedException e) {
            throw StageRejection.of(e);
        }
    }
}
