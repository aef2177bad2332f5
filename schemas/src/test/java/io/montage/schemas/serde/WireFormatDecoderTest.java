package io.montage.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Records whose Avro body claims more than it holds: each is an INVALID_AVRO dead-letter
 * (a SerializationException), never an exception that stops the stream thread, and never the
 * allocation it claims. The frames are the counterexamples WireFormatDecoderProperties found.
 */
class WireFormatDecoderTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final int imageId = registry.register("images-value", ImageEvent.getClassSchema());
    private final int transcriptId = registry.register("transcripts-value", Transcript.getClassSchema());

    @Test
    void aLengthPastTwoGibibytesIsRejectedNotAnUnsupportedOperation() {
        // Was: UnsupportedOperationException "Cannot read strings longer than 2147483639 bytes".
        byte[] frame = frame(transcriptId, out -> out.writeFixed(new byte[] {-2, -1, -1, -1, -1, 0}));

        assertThatThrownBy(() -> transcripts().deserialize("transcripts", frame))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated, corrupt");
    }

    @Test
    void aTenByteRecordClaimingATwoGigabyteStringIsRejectedWithoutAllocatingIt() {
        // Was: 2 GB allocated for the event id, then an EOFException.
        byte[] frame = frame(imageId, out -> {
            out.writeLong(Integer.MAX_VALUE - 10);
            out.writeFixed(new byte[] {'i', 'd'});
        });
        long before = ThreadAllocation.bytes();

        assertThatThrownBy(
                        () -> new ConfluentAvroDeserializer<>(registry, ImageEvent.class).deserialize("images", frame))
                .isInstanceOf(SerializationException.class);
        assertThat(ThreadAllocation.bytes() - before).isLessThan(8L * 1024 * 1024);
    }

    @Test
    void aRecordClaimingTwoBillionArrayItemsIsRejectedNotAnOutOfMemoryError() {
        byte[] frame = frame(transcriptId, out -> {
            transcriptFieldsBeforeSegments(out);
            out.writeLong(Integer.MAX_VALUE - 10);
        });

        assertThatThrownBy(() -> transcripts().deserialize("transcripts", frame))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void anArrayCountPastAvrosLimitIsRejectedNotAnUnsupportedOperation() {
        // Was: UnsupportedOperationException "Cannot read collections larger than 2147483639 items".
        byte[] frame = frame(transcriptId, out -> {
            transcriptFieldsBeforeSegments(out);
            out.writeLong(1L << 40);
        });

        assertThatThrownBy(() -> transcripts().deserialize("transcripts", frame))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void anArrayBlockThatDeclaresItsByteSizeStillHasItsItemCountChecked() {
        // A negative count is followed by the block's size in bytes, which lets a skipping reader
        // jump over it; GenericDatumReader.skip did, and the reader then allocated the count.
        byte[] frame = frame(transcriptId, out -> {
            transcriptFieldsBeforeSegments(out);
            out.writeLong(-(Integer.MAX_VALUE - 10L));
            out.writeLong(0); // the block's size in bytes
            out.writeLong(0); // end of the array
            transcriptFieldsAfterSegments(out);
        });

        assertThatThrownBy(() -> transcripts().deserialize("transcripts", frame))
                .isInstanceOf(SerializationException.class);
    }

    private ConfluentAvroDeserializer<Transcript> transcripts() {
        return new ConfluentAvroDeserializer<>(registry, Transcript.class);
    }

    /** eventId, input (topic, partition, offset), text, language and languageProbability. */
    private static void transcriptFieldsBeforeSegments(BinaryEncoder out) throws IOException {
        out.writeString("event-1");
        out.writeString("audio");
        out.writeInt(0);
        out.writeLong(0);
        out.writeString("");
        out.writeIndex(0);
        out.writeIndex(0);
    }

    /** noSpeechReason, audioDurationMicros, model (id, version, device) and timings. */
    private static void transcriptFieldsAfterSegments(BinaryEncoder out) throws IOException {
        out.writeIndex(0);
        out.writeLong(0);
        out.writeString("whisper-tiny");
        out.writeIndex(0);
        out.writeIndex(0);
        for (int field = 0; field < 7; field++) { // all null but processingMicros, a long of 0
            out.writeIndex(0);
        }
    }

    private interface Body {
        void write(BinaryEncoder out) throws IOException;
    }

    private static byte[] frame(int schemaId, Body body) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(ConfluentWireFormat.header(schemaId));
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(frame, null);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return frame.toByteArray();
    }
}
