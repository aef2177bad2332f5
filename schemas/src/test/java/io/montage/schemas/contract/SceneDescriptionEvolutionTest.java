package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Timings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The {@code scenes-value} schema gained the scene's index, frame count, why it closed, its keyframe
 * and the keyframe's OCR text, then the keyframe's caption and zero-shot labels, then whether its clip
 * has sound, the transcript segments that overlap it and the closedBy symbol ONGOING (live streams'
 * open scenes on {@code scenes-open}); registries holding any earlier schema accept the new one under
 * FULL compatibility, and readers of either version read the other's records, an older reader
 * reading ONGOING as the enum's default UNKNOWN.
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
    void theCurrentSchemaIsFullyCompatibleWithTheOneBeforeTranscriptSegmentsAndOngoingScenes() throws IOException {
        FullCompatibility.assertFullyCompatible(
                SceneDescription.getClassSchema(), FullCompatibility.previous("SceneDescription-before-ongoing.avsc"));
    }

    @Test
    void aReaderOfTheSchemaBeforeOngoingScenesReadsAnOngoingSceneAsUnknown() throws IOException {
        Schema previous = FullCompatibility.previous("SceneDescription-before-ongoing.avsc");
        SceneDescription ongoing = SceneDescription.newBuilder()
                .setEventId("camera-7-frame-3")
                .setInput(InputRef.newBuilder().setTopic("probes").build())
                .setStreamId("camera-7")
                .setModel(new ModelRef("colour-histogram-scenes", "512-bins", "cpu"))
                .setTimings(Timings.newBuilder().build())
                .setClosedBy(SceneClosedBy.ONGOING)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(SceneDescription.class).write(ongoing, encoder);
        encoder.flush();

        GenericRecord read = new GenericDatumReader<GenericRecord>(SceneDescription.getClassSchema(), previous)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.get("closedBy")).hasToString("UNKNOWN");
        assertThat(read.get("streamId")).hasToString("camera-7");
    }
}
