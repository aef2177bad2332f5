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
 * and the keyframe's OCR text; registries holding the schema published before (no stage wrote it)
 * accept the new one under FULL compatibility, and readers of either version read the other's records.
 */
class SceneDescriptionEvolutionTest {

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeKeyframes() throws IOException {
        Schema previous;
        try (InputStream in = SceneDescriptionEvolutionTest.class.getResourceAsStream(
                "/contract/SceneDescription-before-keyframes.avsc")) {
            previous = new Schema.Parser().parse(in);
        }
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
