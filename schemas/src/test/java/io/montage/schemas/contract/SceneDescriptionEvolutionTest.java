package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.SceneDescription;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
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
        assertFullyCompatible(previous("/contract/SceneDescription-before-keyframes.avsc"));
    }

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeCaptions() throws IOException {
        assertFullyCompatible(previous("/contract/SceneDescription-before-captions.avsc"));
    }

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeTranscriptSegments() throws IOException {
        assertFullyCompatible(previous("/contract/SceneDescription-before-transcripts.avsc"));
    }

    private static Schema previous(String resource) throws IOException {
        try (InputStream in = SceneDescriptionEvolutionTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static void assertFullyCompatible(Schema previous) {
        Schema current = SceneDescription.getClassSchema();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous)
                        .getType())
                .as("new readers read old records")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previous, current)
                        .getType())
                .as("old readers read new records")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
}
