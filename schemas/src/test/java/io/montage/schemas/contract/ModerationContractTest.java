package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.MatchSignal;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.ReferenceEntry;
import io.montage.schemas.avro.Timings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The moderation records' promises to the clients that keep reference lists and read matches. */
class ModerationContractTest {

    @Test
    void aProbeResultsPdqHashGoesOnAReferenceListUnchanged() {
        Schema probeHash =
                nonNull(ProbeResult.getClassSchema().getField("pdqHash").schema());
        Schema entryHash =
                nonNull(ReferenceEntry.getClassSchema().getField("pdqHash").schema());

        assertThat(entryHash).isEqualTo(probeHash);
        assertThat(entryHash.getFixedSize()).isEqualTo(32);
    }

    @Test
    void aReaderOfTodaysMatchReadsASignalAddedLaterAsUnknown() throws IOException {
        Schema later = new Schema.Parser()
                .parse(Match.getClassSchema()
                        .toString()
                        .replace("\"TEXT_EMBEDDING\"]", "\"TEXT_EMBEDDING\", \"AUDIO_FINGERPRINT\"]"));
        assertThat(later.toString()).contains("AUDIO_FINGERPRINT");
        GenericRecord match = new GenericDatumReader<GenericRecord>(Match.getClassSchema(), later)
                .read(null, DecoderFactory.get().binaryDecoder(bytes(match()), null));
        match.put("signal", new GenericData.EnumSymbol(later.getField("signal").schema(), "AUDIO_FINGERPRINT"));

        Match read = readAsToday(later, match);

        assertThat(read.getSignal()).isEqualTo(MatchSignal.UNKNOWN);
        assertThat(read.getReferenceId()).isEqualTo("case-7");
    }

    /**
     * {@code Match.scene} came when scene keyframes began to be matched; the schema before it is
     * kept, and readers of either version read the other's records (FULL compatibility).
     */
    @Test
    void theMatchWithItsSceneIsFullyCompatibleWithTheOneBefore() throws IOException {
        Schema previous;
        try (InputStream in = ModerationContractTest.class.getResourceAsStream("/contract/Match-before-scenes.avsc")) {
            previous = new Schema.Parser().parse(in);
        }
        Schema current = Match.getClassSchema();

        assertThat(previous.getField("scene")).isNull();
        FullCompatibility.assertFullyCompatible(current, previous);
        GenericRecord old = new GenericDatumReader<GenericRecord>(Match.getClassSchema(), previous)
                .read(null, DecoderFactory.get().binaryDecoder(bytes(match()), null));
        assertThat(readAsToday(previous, old).getScene()).isNull();
    }

    private static Match readAsToday(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return new org.apache.avro.specific.SpecificDatumReader<Match>(writer, Match.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static Match match() {
        return Match.newBuilder()
                .setEventId("e-1")
                .setInput(new InputRef("probes", 0, 7L))
                .setList("known-bad")
                .setReferenceId("case-7")
                .setSignal(MatchSignal.PDQ_HASH)
                .setDistance(12)
                .setThreshold(31)
                .setTimings(Timings.newBuilder().build())
                .build();
    }

    private static byte[] bytes(Match match) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<Match>(Match.getClassSchema()).write(match, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }
}
