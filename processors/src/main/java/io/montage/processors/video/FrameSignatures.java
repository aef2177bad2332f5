package io.montage.processors.video;

import io.montage.models.video.ClipSignature;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.FrameSignature;
import io.montage.models.video.SceneSignal;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.ModelRef;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * Makes each sampled frame's {@link FrameSignature} with the signal the scene stage uses: colour
 * histograms, or CLIP embeddings by the image-embed stage's model where this instance has it loaded
 * ({@link SceneSettings.Signal}). Every frame of a stream gets the same kind, so a frame on which the
 * CLIP model fails is rejected (the caller dead-letters it) rather than given a histogram: a histogram
 * has no distance to its CLIP-embedded neighbours, so a fallback frame could not show a cut next to it.
 */
final class FrameSignatures {

    /**
     * Frames of a clip embedded per model call: enough to fill a CPU batch, and at most 16 keyframe-sized
     * pictures (about 1 MB each at 640×360) held while they wait.
     */
    static final int CLIP_FRAMES_PER_CALL = 16;

    /** What a record says made its boundaries where no model did. */
    static final ModelRef HISTOGRAM_DETECTOR = new ModelRef("colour-histogram-scenes", "512-bins", "cpu");

    /** The id of the boundary detector that compares CLIP embeddings; its version names the CLIP model. */
    static final String CLIP_DETECTOR_ID = "clip-scenes";

    private final Optional<KeyframeModels.FrameEmbedder> clip;

    private FrameSignatures(Optional<KeyframeModels.FrameEmbedder> clip) {
        this.clip = clip;
    }

    /**
     * The signal {@code setting} asks for, given the CLIP model this instance has loaded (if any).
     *
     * @throws IllegalArgumentException {@code clip} is asked for and no CLIP model is loaded
     */
    static FrameSignatures choose(SceneSettings.Signal setting, Optional<KeyframeModels.FrameEmbedder> loaded) {
        return switch (setting) {
            case HISTOGRAM -> new FrameSignatures(Optional.empty());
            case AUTO -> new FrameSignatures(loaded);
            case CLIP -> {
                if (loaded.isEmpty()) {
                    throw new IllegalArgumentException("montage.scenes.signal is clip, but this instance has no CLIP"
                            + " model loaded: run the image-embed stage in the same instance as scenes (montage.stages),"
                            + " or set montage.scenes.signal to auto or histogram");
                }
                yield new FrameSignatures(loaded);
            }
        };
    }

    /** For the stage's status line: what scenes are cut on; never throws, unlike {@link #choose}. */
    static String status(SceneSettings.Signal setting, Optional<KeyframeModels.FrameEmbedder> loaded) {
        boolean clip = setting != SceneSettings.Signal.HISTOGRAM && loaded.isPresent();
        if (clip) {
            return "scenes cut on CLIP embeddings by " + loaded.get().model().getId();
        }
        if (setting == SceneSettings.Signal.CLIP) {
            return "scenes to be cut on CLIP embeddings, but no CLIP model is loaded";
        }
        return "scenes cut on colour histograms";
    }

    SceneSignal signal() {
        return clip.isPresent() ? SceneSignal.CLIP : SceneSignal.HISTOGRAM;
    }

    /** What a scene record (and what is generated of a clip) says made its boundaries. */
    ModelRef detector() {
        return clip.map(loaded -> new ModelRef(
                        CLIP_DETECTOR_ID,
                        loaded.model().getId()
                                + (loaded.model().getVersion() == null
                                        ? ""
                                        : "@" + loaded.model().getVersion()),
                        loaded.model().getDevice()))
                .orElse(HISTOGRAM_DETECTOR);
    }

    /** How many frames of a clip wait to be signed together: CLIP runs them in one call, histograms need no wait. */
    int framesPerCall() {
        return clip.isPresent() ? CLIP_FRAMES_PER_CALL : 1;
    }

    /**
     * What a frame's signature is read from: the histogram from the frame as decoded (as before CLIP);
     * CLIP from its keyframe-sized copy (at most 640 pixels a side), since CLIP scales every picture to
     * 224 pixels anyway and a clip's frames waiting for their call then hold a fraction of the memory.
     */
    BufferedImage input(BufferedImage decoded, BufferedImage keyframeSized) {
        return clip.isPresent() ? keyframeSized : decoded;
    }

    /**
     * The signatures of sampled frames, in order; one frame is embedded alone, several in one call.
     *
     * @param inputs  each frame's {@link #input}
     * @param subject what the frames are, for a failure's reason: "this frame", "frames 16 to 31 of this clip"
     * @throws StageRejection the CLIP model failed on them ({@code MODEL_ERROR})
     */
    List<FrameSignature> of(List<BufferedImage> inputs, String subject) throws StageRejection {
        if (clip.isEmpty()) {
            return inputs.stream().<FrameSignature>map(ColourHistogram::of).toList();
        }
        KeyframeModels.FrameEmbedder loaded = clip.get();
        List<float[]> vectors;
        try {
            vectors = ModelCall.run(
                    loaded.model(),
                    subject,
                    () -> inputs.size() == 1
                            ? List.of(loaded.embedder().embedImage(inputs.get(0)))
                            : loaded.embedder().embedImages(inputs));
        } catch (StageRejection e) {
            throw new StageRejection(
                    e.errorClass(),
                    e.getMessage() + ". The scene stage cuts scenes on this CLIP model's embeddings; set"
                            + " montage.scenes.signal=histogram to cut on colour histograms instead",
                    e);
        }
        return vectors.stream().<FrameSignature>map(ClipSignature::of).toList();
    }
}
