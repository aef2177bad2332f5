package io.montage.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaRef;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.Timings;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.TranscriptSegment;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.Size;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Whatever bytes arrive on a topic, the decoders either return a record or throw a
 * {@link SerializationException} with a message: the one exception the stage processors turn
 * into an INVALID_AVRO dead-letter. Anything else (an IndexOutOfBoundsException, an
 * OutOfMemoryError) would escape them and stop the stream thread on a single bad record. Each
 * decode is also held to an allocation budget, since a few bytes of Avro can claim gigabytes.
 */
class WireFormatDecoderProperties {

    private static final String IMAGES = "images";
    private static final String TRANSCRIPTS = "transcripts";

    /**
     * What one decode of a small frame may allocate: generous for a record of a few hundred bytes
     * (a first read resolves schemas), tiny beside the gigabytes a hostile length claims.
     */
    private static final long ALLOCATION_BUDGET = 8L * 1024 * 1024;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerde<ImageEvent> images = new ConfluentAvroSerde<>(registry, ImageEvent.class);
    private final ConfluentAvroSerde<Transcript> transcripts = new ConfluentAvroSerde<>(registry, Transcript.class);
    private final List<Deserializer<?>> decoders =
            List.of(images.deserializer(), transcripts.deserializer(), new GenericRecordDeserializer(registry));
    private final int transcriptId;
    private final Set<Integer> knownIds;

    WireFormatDecoderProperties() {
        byte[] image = images.serializer()
                .serialize(
                        IMAGES,
                        ImageEvent.newBuilder()
                                .setEventId("warm-up")
                                .setMedia(Media.newBuilder().build())
                                .build());
        byte[] transcript = transcripts.serializer().serialize(TRANSCRIPTS, transcript("warm-up", List.of()));
        transcriptId = schemaId(transcript);
        knownIds = Set.of(schemaId(image), transcriptId);
        // Each decoder's first read of an id builds and caches its reader; the budget is for reads.
        for (byte[] frame : List.of(image, transcript)) {
            decoders.forEach(decoder -> decodeOrReject(decoder, frame));
        }
    }

    @Property
    void anyBytesDecodeOrAreRejectedWithAReason(@ForAll @Size(max = 64) byte[] bytes) {
        assertDecodesOrIsRejected(bytes);
    }

    @Property
    void aKnownSchemaIdBeforeArbitraryBytesDecodesOrIsRejected(
            @ForAll("knownSchemaIds") int id, @ForAll @Size(max = 64) byte[] body) {
        assertDecodesOrIsRejected(concat(ConfluentWireFormat.header(id), body));
    }

    @Property
    void aValidFrameCutShortIsRejectedByItsOwnReader(
            @ForAll("imageFrames") byte[] frame, @ForAll("fractions") double keep) {
        byte[] truncated = Arrays.copyOf(frame, (int) (frame.length * keep));

        assertDecodesOrIsRejected(truncated);
        // Avro's binary encoding is prefix-free for a given schema: a strict prefix never decodes.
        assertThatThrownBy(() -> images.deserializer().deserialize(IMAGES, truncated))
                .isInstanceOf(SerializationException.class);
    }

    @Property
    void aValidFrameWithBytesChangedDecodesOrIsRejected(
            @ForAll("frames") byte[] frame, @ForAll("changes") List<Tuple2<Double, Byte>> changes) {
        byte[] mutated = frame.clone();
        for (Tuple2<Double, Byte> change : changes) {
            mutated[(int) (change.get1() * mutated.length)] = change.get2();
        }
        assertDecodesOrIsRejected(mutated);
    }

    /**
     * A varint written over any position of a valid body stands for a string, bytes, array or map
     * length, a union branch or a plain number: claims of up to 2^31 items must be refused from the
     * frame's size, not allocated and then found missing.
     */
    @Property
    void aHugeLengthClaimedAnywhereIsRejectedWithoutBeingAllocated(
            @ForAll("frames") byte[] frame, @ForAll("fractions") double at, @ForAll("hugeClaims") long claim) {
        int position = ConfluentWireFormat.HEADER_SIZE + (int) (at * (frame.length - ConfluentWireFormat.HEADER_SIZE));
        byte[] varint = zigZagVarint(claim);
        byte[] claimed = Arrays.copyOf(frame, Math.max(frame.length, position + varint.length));
        System.arraycopy(varint, 0, claimed, position, varint.length);

        assertDecodesOrIsRejected(claimed);
    }

    /**
     * Avro lets a writer give an array block's byte size with its item count, so readers can skip
     * the block unread. The count is what a reader allocates for, so it must be checked even then.
     */
    @Property
    void anArrayBlockDeclaringItsByteSizeHasItsItemCountChecked(
            @ForAll @Size(max = 3) List<@From("segments") TranscriptSegment> segments,
            @ForAll("itemCounts") long claimedItems)
            throws IOException {
        byte[] frame = transcriptWithOneSizedBlock(segments, claimedItems);

        assertDecodesOrIsRejected(frame);
        if (claimedItems == segments.size()) {
            assertThat(transcripts
                            .deserializer()
                            .deserialize(TRANSCRIPTS, frame)
                            .getSegments())
                    .isEqualTo(segments);
        }
    }

    @Property
    void anUnknownSchemaIdIsRejectedNamingTheId(@ForAll int id, @ForAll @Size(max = 16) byte[] body) {
        if (knownIds.contains(id)) {
            return;
        }
        byte[] frame = concat(ConfluentWireFormat.header(id), body);
        for (Deserializer<?> decoder : decoders) {
            assertThatThrownBy(() -> decoder.deserialize(IMAGES, frame))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Unknown schema id " + id);
        }
    }

    private void assertDecodesOrIsRejected(byte[] bytes) {
        for (Deserializer<?> decoder : decoders) {
            long before = ThreadAllocation.bytes();
            decodeOrReject(decoder, bytes);
            assertThat(ThreadAllocation.bytes() - before)
                    .as("bytes allocated decoding a %d-byte record", bytes.length)
                    .isLessThan(ALLOCATION_BUDGET + 64L * bytes.length);
        }
    }

    /** Anything thrown but a SerializationException with a message fails the property. */
    private static void decodeOrReject(Deserializer<?> decoder, byte[] bytes) {
        try {
            decoder.deserialize(IMAGES, bytes);
        } catch (SerializationException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Integer> knownSchemaIds() {
        return Arbitraries.of(knownIds);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    }

    /** Where in the frame (a fraction of its length) and what byte to write there. */
    @Provide
    Arbitrary<List<Tuple2<Double, Byte>>> changes() {
        return Combinators.combine(fractions(), Arbitraries.bytes())
                .as(Tuple::of)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<Long> hugeClaims() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1L << 16, Integer.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, -1),
                Arbitraries.of(Integer.MAX_VALUE - 8L, Integer.MAX_VALUE + 1L, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.oneOf(imageFrames(), transcriptFrames());
    }

    @Provide
    Arbitrary<byte[]> imageFrames() {
        Arbitrary<Media> media = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(32).map(b -> Media.newBuilder()
                        .setInline(ByteBuffer.wrap(b))
                        .build()),
                Combinators.combine(text(), text(), Arbitraries.longs(), text().injectNull(0.5))
                        .as((uri, sha, size, type) -> Media.newBuilder()
                                .setReference(MediaRef.newBuilder()
                                        .setUri(uri)
                                        .setSha256(sha)
                                        .setSize(size)
                                        .setContentType(type)
                                        .build())
                                .build()),
                text().injectNull(0.5)
                        .map(name -> Media.newBuilder().setFileName(name).build()));
        Arbitrary<Instant> createdAt = Arbitraries.longs()
                .between(-1L << 40, 1L << 42)
                .map(Instant::ofEpochMilli)
                .injectNull(0.3);
        return Combinators.combine(
                        text(),
                        media,
                        createdAt,
                        Arbitraries.maps(text(), text()).ofMaxSize(3))
                .as((id, m, at, attributes) -> images.serializer()
                        .serialize(
                                IMAGES,
                                ImageEvent.newBuilder()
                                        .setEventId(id)
                                        .setMedia(m)
                                        .setCreatedAt(at)
                                        .setAttributes(attributes)
                                        .build()));
    }

    @Provide
    Arbitrary<TranscriptSegment> segments() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.longs(),
                        text(),
                        Arbitraries.floats().injectNull(0.5))
                .as((start, end, text, logProb) -> TranscriptSegment.newBuilder()
                        .setStartMicros(start)
                        .setEndMicros(end)
                        .setText(text)
                        .setAverageLogProbability(logProb)
                        .build());
    }

    @Provide
    Arbitrary<byte[]> transcriptFrames() {
        return Combinators.combine(text(), segments().list().ofMaxSize(4))
                .as((id, segments) -> transcripts.serializer().serialize(TRANSCRIPTS, transcript(id, segments)));
    }

    @Provide
    Arbitrary<Long> itemCounts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 4), hugeClaims());
    }

    /**
     * A transcript whose segments are one array block written as Avro's skippable form: minus the
     * item count, the block's size in bytes, then the items.
     */
    private byte[] transcriptWithOneSizedBlock(List<TranscriptSegment> segments, long claimedItems) throws IOException {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        BinaryEncoder itemEncoder = EncoderFactory.get().directBinaryEncoder(items, null);
        SpecificDatumWriter<TranscriptSegment> writer = new SpecificDatumWriter<>(TranscriptSegment.class);
        for (TranscriptSegment segment : segments) {
            writer.write(segment, itemEncoder);
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(ConfluentWireFormat.header(transcriptId));
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(frame, null);
        out.writeString("event-1");
        out.writeString("audio"); // input: topic, partition, offset
        out.writeInt(-1);
        out.writeLong(-1);
        out.writeString(""); // text
        out.writeIndex(0); // language: null
        out.writeIndex(0); // languageProbability: null
        if (claimedItems != 0) { // a count of 0 ends the array: it has no size and no items
            out.writeLong(-claimedItems);
            out.writeLong(items.size());
            out.writeFixed(items.toByteArray());
        }
        out.writeLong(0); // end of the array
        out.writeIndex(0); // noSpeechReason: null
        out.writeLong(0); // audioDurationMicros
        out.writeString("whisper-tiny"); // model: id, version, device
        out.writeIndex(0);
        out.writeIndex(0);
        for (int unionField = 0; unionField < 3; unionField++) { // timings: 3 timestamps, then micros
            out.writeIndex(0);
        }
        out.writeLong(0);
        for (int unionField = 0; unionField < 3; unionField++) { // queue, model micros, batch size
            out.writeIndex(0);
        }
        out.flush();
        return frame.toByteArray();
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(12);
    }

    private static Transcript transcript(String eventId, List<TranscriptSegment> segments) {
        return Transcript.newBuilder()
                .setEventId(eventId)
                .setInput(InputRef.newBuilder().setTopic("audio").build())
                .setSegments(segments)
                .setModel(ModelRef.newBuilder().setId("whisper-tiny").build())
                .setTimings(Timings.newBuilder().build())
                .build();
    }

    private static int schemaId(byte[] frame) {
        return ByteBuffer.wrap(frame, 1, 4).getInt();
    }

    private static byte[] zigZagVarint(long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        ByteBuffer out = ByteBuffer.allocate(10);
        while ((zigZag & ~0x7FL) != 0) {
            out.put((byte) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        out.put((byte) zigZag);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
