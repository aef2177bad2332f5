package io.montage.models.video;

/** What a frame's scene-change signature is made of; each kind has its own distance and threshold. */
public enum SceneSignal {
    /** A 512-bin colour histogram ({@link ColourHistogram}): no model, a few milliseconds a frame. */
    HISTOGRAM,
    /** A CLIP image embedding ({@link ClipSignature}): what is shown, not only its colours. */
    CLIP
}
