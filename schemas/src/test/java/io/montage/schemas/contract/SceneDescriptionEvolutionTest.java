package io.montage.schemas.contract;

import io.montage.schemas.avro.SceneDescription;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The {@code scenes-value} schema gained the scene's index, frame count, why it closed, its keyframe
 * and the keyframe's OCR text, then the keyframe's caption and zero-shot labels, then whether its clip
 * has sound and the transcript segments that overlap it; registries holding any earlier schema accept the new one under FULL compatibility, and readers of either version
 * read the other's records.
 */
class SceneDescriptionEvolutionTest {

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeKeyframes() throws IOException {
        FullCompatibility.assertFullyCompatible(
                SceneDescription.getClassSchema(),
                FullCompatibility.previous("SceneDescription-before-keyframes.avsc"));
    }

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeCaptions() throws IOException {
        FullCompatibility.assertFullyCompatible(
                SceneDescription.getClassSchema(), FullCompatibility.previous("SceneDescription-before-captions.avsc"));
    }

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeTranscriptSegments() throws IOException {
        FullCompatibility.assertFullyCompatible(
                SceneDescription.getClassSchema(),
                FullCompatibility.previous("SceneDescription-before-transcripts.avsc"));
    }
}
