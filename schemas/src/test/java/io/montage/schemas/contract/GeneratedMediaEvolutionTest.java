package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.GeneratedMedia;
import java.io.IOException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * {@code generated-media-value} gained {@code stage} (a clip's speech subtitles and its scene
 * summary's cue track are both SUBTITLES): registries holding the schema before it accept the new
 * one under FULL compatibility, and old records read with the stage empty.
 */
class GeneratedMediaEvolutionTest {

    @Test
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeTheStage() throws IOException {
        Schema previous = FullCompatibility.previous("GeneratedMedia-before-stage.avsc");

        assertThat(previous.getField("stage")).isNull();
        FullCompatibility.assertFullyCompatible(GeneratedMedia.getClassSchema(), previous);
        assertThat(GeneratedMedia.getClassSchema().getField("stage").defaultVal())
                .isEqualTo("");
    }
}
