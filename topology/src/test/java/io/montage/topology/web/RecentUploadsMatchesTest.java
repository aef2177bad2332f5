package io.montage.topology.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.MatchSignal;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.Timings;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The moderation stage's matches on the wall: joined to their upload whichever is read first. */
class RecentUploadsMatchesTest {

    private final RecentUploads uploads = new RecentUploads(4);

    @Test
    void aMatchReadBeforeItsProbeResultJoinsItWhenItComes() {
        assertThat(uploads.add("copy", pdqMatch("copy", "known-bad", "case-7", 12)))
                .isEmpty();

        UploadView view = uploads.accept(probe("copy"), Instant.now());

        JsonNode match = view.toJson().get("matches").get(0);
        assertThat(view.toJson().get("matches")).hasSize(1);
        assertThat(match.get("list").asText()).isEqualTo("known-bad");
        assertThat(match.get("referenceId").asText()).isEqualTo("case-7");
        assertThat(match.get("signal").asText()).isEqualTo("pdq_hash");
        assertThat(match.get("distance").asDouble()).isEqualTo(12.0);
        assertThat(match.get("threshold").asDouble()).isEqualTo(31.0);
        assertThat(match.get("pdqQuality").asInt()).isEqualTo(90);
        assertThat(match.get("frameMicros").isNull()).isTrue();
    }

    @Test
    void matchesReadAfterTheProbeResultAreAddedOneByOneAndARepeatedOneIsShownOnce() {
        assertThat(uploads.accept(probe("copy"), Instant.now()).toJson().get("matches"))
                .as("an upload that matched nothing (yet)")
                .isEmpty();

        uploads.add("copy", pdqMatch("copy", "known-bad", "case-7", 12));
        Match byEmbedding = Match.newBuilder(pdqMatch("copy", "copyrighted", "poster", 0))
                .setSignal(MatchSignal.IMAGE_EMBEDDING)
                .setDistance(0.042)
                .setThreshold(0.1)
                .setPdqQuality(null)
                .setModel(ModelRef.newBuilder().setId("clip").build())
                .build();
        uploads.add("copy", byEmbedding);
        // The same record read again (the feed rewinds on a restart): one finding, not two.
        UploadView view =
                uploads.add("copy", pdqMatch("copy", "known-bad", "case-7", 12)).orElseThrow();

        JsonNode matches = view.toJson().get("matches");
        assertThat(matches).hasSize(2);
        assertThat(matches.get(0).get("referenceId").asText()).isEqualTo("case-7");
        assertThat(matches.get(1).get("referenceId").asText()).isEqualTo("poster");
        assertThat(matches.get(1).get("signal").asText()).isEqualTo("image_embedding");
        assertThat(matches.get(1).get("model").asText()).isEqualTo("clip");
        assertThat(matches.get(1).get("distance").asDouble()).isEqualTo(0.042);
        assertThat(uploads.get("copy").orElseThrow().toJson().get("matches"))
                .as("the wall holds what the page was sent")
                .isEqualTo(matches);
    }

    @Test
    void aVideosMatchesInDifferentFramesAreEachShownWithTheirTime() {
        uploads.accept(probe("clip"), Instant.now());
        uploads.add("clip", inFrame(pdqMatch("clip", "known-bad", "case-7", 3), 0, 0));
        UploadView view = uploads.add("clip", inFrame(pdqMatch("clip", "known-bad", "case-7", 5), 25, 1_000_000))
                .orElseThrow();

        JsonNode matches = view.toJson().get("matches");
        assertThat(matches).hasSize(2);
        assertThat(matches.get(1).get("frameMicros").asLong()).isEqualTo(1_000_000);
        assertThat(matches.get(1).get("distance").asDouble()).isEqualTo(5.0);
    }

    private static Match inFrame(Match match, long index, long ptsMicros) {
        return Match.newBuilder(match)
                .setFrame(FrameRef.newBuilder()
                        .setStreamId("clip")
                        .setFrameIndex(index)
                        .setPtsMicros(ptsMicros)
                        .build())
                .build();
    }

    private static Match pdqMatch(String eventId, String list, String referenceId, double distance) {
        return Match.newBuilder()
                .setEventId(eventId)
                .setInput(InputRef.newBuilder().setTopic("probes").build())
                .setList(list)
                .setReferenceId(referenceId)
                .setSignal(MatchSignal.PDQ_HASH)
                .setDistance(distance)
                .setThreshold(31)
                .setPdqQuality(90)
                .setTimings(Timings.newBuilder().build())
                .build();
    }

    private static ProbeResult probe(String eventId) {
        return ProbeResult.newBuilder()
                .setEventId(eventId)
                .setInput(InputRef.newBuilder().setTopic("images").build())
                .setKind(MediaKind.IMAGE)
                .setFormat("jpeg")
                .setWidth(1)
                .setHeight(1)
                .setSizeBytes(3)
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}))
                        .build())
                .setTimings(Timings.newBuilder().build())
                .build();
    }
}
