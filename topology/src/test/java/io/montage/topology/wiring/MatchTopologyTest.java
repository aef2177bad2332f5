package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.ProbePdq;
import io.montage.models.video.Keyframes;
import io.montage.models.vision.hash.Dihedral;
import io.montage.models.vision.hash.PdqDihedralHashes;
import io.montage.models.vision.hash.PdqResult;
import io.montage.models.vision.hash.ReEncodedCopies;
import io.montage.processors.moderation.KeyframePdq;
import io.montage.processors.moderation.MatchStage;
import io.montage.processors.moderation.MatchThresholds;
import io.montage.processors.moderation.ReferenceMatcher;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.Hash256;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.MatchSignal;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ReferenceEntry;
import io.montage.schemas.avro.ReferenceVector;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Timings;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The match stage wired as in production — images → probe → probes → match → matches, scenes →
 * match → matches, with the reference lists as a global table of the reference-lists topic — in
 * Kafka Streams' test driver.
 */
class MatchTopologyTest {

    private static final Path PHOTO =
            Path.of("..", "models", "src", "test", "resources", "vision", "photo-720x480.png");
    private static final Path UNRELATED =
            Path.of("..", "models", "src", "test", "resources", "media", "unrelated-320x240.jpg");
    private static final String CLIP = "clip-vit-base-patch32";

    @TempDir
    Path blobs;

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private TestPipeline pipeline;

    @BeforeEach
    void build() {
        pipeline = TestPipeline.of(
                topics,
                Stages.probeOnly(TestTopologies.probe(TestTopologies.resolver(blobs)))
                        .withMatch(new MatchStage.Shared(
                                new ReferenceMatcher(MatchThresholds.defaults()),
                                new KeyframePdq(
                                        TestTopologies.resolver(blobs),
                                        new FfmpegImageDecoder(TestTopologies.LIMITS)))));
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void aReEncodedCopyOfAListedPictureMatchesItsEntryWithItsDistance() throws IOException {
        PdqResult original = pdq(Files.readAllBytes(PHOTO));
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", original));

        pipeline.pipe(topics.images(), "copy", image("copy", ReEncodedCopies.resizedJpeg(PHOTO, 0.7, 0.5f)));

        List<KeyValue<String, Match>> matches = pipeline.read(topics.matches());
        assertThat(matches).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("copy");
            Match match = kv.value;
            assertThat(match.getEventId()).isEqualTo("copy");
            assertThat(match.getList()).isEqualTo("known-bad");
            assertThat(match.getReferenceId()).isEqualTo("case-7");
            assertThat(match.getSignal()).isEqualTo(MatchSignal.PDQ_HASH);
            assertThat(match.getDistance()).isBetween(0.0, 31.0);
            assertThat(match.getThreshold()).isEqualTo(31.0);
            assertThat(match.getPdqQuality()).isGreaterThanOrEqualTo(50);
            assertThat(match.getInput().getTopic()).isEqualTo(topics.probes().name());
        });
        assertThat(pipeline.read(topics.deadLetter())).isEmpty();
    }

    @Test
    void anUnrelatedPictureMatchesNothingAndWritesNothing() throws IOException {
        pipeline.pipe(
                topics.referenceLists(),
                "known-bad/case-7",
                hashEntry("known-bad", "case-7", pdq(Files.readAllBytes(PHOTO))));

        pipeline.pipe(topics.images(), "other", image("other", Files.readAllBytes(UNRELATED)));

        assertThat(pipeline.readValues(topics.probes())).hasSize(1);
        assertThat(pipeline.read(topics.matches())).isEmpty();
        assertThat(pipeline.read(topics.deadLetter())).isEmpty();
    }

    @Test
    void aRemovedEntryStopsMatchingAndAnAddedOneStartsWithoutARestart() throws IOException {
        PdqResult original = pdq(Files.readAllBytes(PHOTO));
        byte[] copy = ReEncodedCopies.resizedJpeg(PHOTO, 0.5, 0.3f);
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", original));
        pipeline.pipe(topics.images(), "before", image("before", copy));
        assertThat(pipeline.readValues(topics.matches())).hasSize(1);

        pipeline.pipeRaw(topics.referenceLists().name(), "known-bad/case-7", null);
        pipeline.pipe(topics.images(), "after-removal", image("after-removal", copy));
        assertThat(pipeline.readValues(topics.matches())).isEmpty();

        pipeline.pipe(topics.referenceLists(), "copyrighted/poster", hashEntry("copyrighted", "poster", original));
        pipeline.pipe(topics.images(), "after-adding", image("after-adding", copy));
        assertThat(pipeline.readValues(topics.matches()))
                .extracting(Match::getList, Match::getEventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("copyrighted", "after-adding"));
    }

    @Test
    void aPictureOnTwoListsMatchesEachAndAnUndecodableEntryIsSkipped() throws IOException {
        PdqResult original = pdq(Files.readAllBytes(PHOTO));
        pipeline.pipeRaw(topics.referenceLists().name(), "known-bad/garbage", "not avro".getBytes());
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", original));
        pipeline.pipe(topics.referenceLists(), "known-spam/s-1", hashEntry("known-spam", "s-1", original));
        // Its key does not say its list and id: a removal by list and id would miss it.
        pipeline.pipe(topics.referenceLists(), "misfiled", hashEntry("known-spam", "s-2", original));

        pipeline.pipe(topics.images(), "copy", image("copy", ReEncodedCopies.resizedJpeg(PHOTO, 0.7, 0.5f)));

        assertThat(pipeline.readValues(topics.matches()))
                .extracting(Match::getList, Match::getReferenceId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("known-bad", "case-7"),
                        org.assertj.core.groups.Tuple.tuple("known-spam", "s-1"));
    }

    @Test
    void aMirroredCopyMatchesOnlyAnEntryThatAskedForTurnedAndMirroredCopies() throws Exception {
        byte[] photo = Files.readAllBytes(PHOTO);
        PdqResult original = pdq(photo);
        PdqDihedralHashes turns = ProbePdq.dihedral(new FfmpegImageDecoder(TestTopologies.LIMITS).decode(photo));
        ReferenceEntry withTurns = hashEntry("copyrighted", "poster", original);
        withTurns.setPdqVariants(Arrays.stream(Dihedral.values())
                .filter(d -> d != Dihedral.ORIGINAL)
                .map(d -> new Hash256(turns.of(d).bytes()))
                .toList());
        pipeline.pipe(topics.referenceLists(), "copyrighted/poster", withTurns);
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", original));

        pipeline.pipe(topics.images(), "mirrored", image("mirrored", ReEncodedCopies.mirroredJpeg(PHOTO)));

        assertThat(pipeline.readValues(topics.matches())).singleElement().satisfies(match -> {
            assertThat(match.getReferenceId()).isEqualTo("poster");
            assertThat(match.getDistance()).isBetween(0.0, 31.0);
        });
    }

    @Test
    void anImageEmbeddingMatchesAReferenceVectorOfTheSameModelByCosineDistance() {
        pipeline.pipe(topics.referenceLists(), "known-bad/v-1", vectorEntry("v-1", List.of(0.6f, 0.8f, 0f), CLIP));
        pipeline.pipe(
                topics.referenceLists(), "known-bad/v-2", vectorEntry("v-2", List.of(0.6f, 0.8f, 0f), "other-clip"));

        pipeline.pipe(topics.embeddings(), "e-1", embedding("e-1", List.of(0.59f, 0.81f, 0.01f), CLIP));
        pipeline.pipe(topics.embeddings(), "e-2", embedding("e-2", List.of(0f, 0f, 1f), CLIP));

        assertThat(pipeline.readValues(topics.matches())).singleElement().satisfies(match -> {
            assertThat(match.getEventId()).isEqualTo("e-1");
            assertThat(match.getReferenceId()).isEqualTo("v-1");
            assertThat(match.getSignal()).isEqualTo(MatchSignal.IMAGE_EMBEDDING);
            assertThat(match.getDistance()).isBetween(0.0, 0.001);
            assertThat(match.getThreshold()).isEqualTo(0.05);
            assertThat(match.getModel().getId()).isEqualTo(CLIP);
            assertThat(match.getPdqQuality()).isNull();
        });
    }

    @Test
    void aSceneWhoseKeyframeIsACopyOfAListedPictureMatchesNamingTheSceneItsSpanAndItsKeyframe() throws Exception {
        // The entry as `montage lists add` makes it from the still; the keyframe as the scene stage
        // makes it from a frame showing that still, scaled down and re-encoded.
        byte[] photo = Files.readAllBytes(PHOTO);
        PdqResult listed = ProbePdq.of(new FfmpegImageDecoder(TestTopologies.LIMITS).decode(photo));
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", listed));
        byte[] keyframe = Keyframes.jpeg(ImageIO.read(PHOTO.toFile()));

        pipeline.pipe(topics.scenes(), "clip-1", scene("clip-1", 2, 4_000_000L, 9_500_000L, keyframe));

        List<KeyValue<String, Match>> matches = pipeline.read(topics.matches());
        assertThat(matches).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("clip-1");
            Match match = kv.value;
            assertThat(match.getEventId()).isEqualTo("clip-1");
            assertThat(match.getReferenceId()).isEqualTo("case-7");
            assertThat(match.getSignal()).isEqualTo(MatchSignal.PDQ_HASH);
            assertThat(match.getDistance()).isBetween(0.0, 31.0);
            assertThat(match.getPdqQuality()).isGreaterThanOrEqualTo(50);
            assertThat(match.getInput().getTopic()).isEqualTo(topics.scenes().name());
            assertThat(match.getScene().getStreamId()).isEqualTo("clip-1");
            assertThat(match.getScene().getSceneIndex()).isEqualTo(2);
            assertThat(match.getScene().getStartPtsMicros()).isEqualTo(4_000_000L);
            assertThat(match.getScene().getEndPtsMicros()).isEqualTo(9_500_000L);
            assertThat(match.getFrame().getFrameIndex()).isEqualTo(8);
            assertThat(match.getFrame().getPtsMicros()).isEqualTo(4_000_000L);
        });
        assertThat(pipeline.read(topics.deadLetter())).isEmpty();
    }

    @Test
    void aSceneWithAnUnrelatedKeyframeOrNoneMatchesNothing() throws IOException {
        byte[] photo = Files.readAllBytes(PHOTO);
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", pdq(photo)));

        pipeline.pipe(
                topics.scenes(),
                "clip-2",
                scene("clip-2", 0, 0L, 2_000_000L, Keyframes.jpeg(ImageIO.read(UNRELATED.toFile()))));
        SceneDescription withoutKeyframe = scene("clip-3", 0, 0L, 2_000_000L, photo);
        withoutKeyframe.setKeyframe(null);
        pipeline.pipe(topics.scenes(), "clip-3", withoutKeyframe);

        assertThat(pipeline.read(topics.matches())).isEmpty();
        assertThat(pipeline.read(topics.deadLetter())).isEmpty();
    }

    @Test
    void aSceneWhoseKeyframeDoesNotDecodeIsDeadLetteredWithTheDecodersClass() throws IOException {
        byte[] photo = Files.readAllBytes(PHOTO);
        pipeline.pipe(topics.referenceLists(), "known-bad/case-7", hashEntry("known-bad", "case-7", pdq(photo)));

        pipeline.pipe(topics.scenes(), "clip-4", scene("clip-4", 1, 0L, 2_000_000L, "not a jpeg".getBytes()));

        assertThat(pipeline.read(topics.matches())).isEmpty();
        assertThat(pipeline.readValues(topics.deadLetter())).singleElement().satisfies(dead -> {
            assertThat(dead.getStage()).isEqualTo("match");
            assertThat(dead.getEventId()).isEqualTo("clip-4");
            assertThat(dead.getErrorClass()).isEqualTo("UNRECOGNISED_FORMAT");
        });
    }

    @Test
    void everyNodeOfTheMatchStageIsNamed() {
        String description = pipeline.topology("match").describe().toString();

        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description)
                .contains(
                        "reference-lists-source",
                        "match-reference-lists",
                        "match-probes",
                        "match-scenes",
                        "match-scenes-to-matches",
                        "match-embeddings",
                        "match-probes-to-matches",
                        "match-embeddings-to-dead-letter");
    }

    private static PdqResult pdq(byte[] picture) {
        try {
            return new FfmpegMediaProbe(TestTopologies.LIMITS).probe(picture).pdq();
        } catch (io.montage.models.media.MediaRejectedException e) {
            throw new AssertionError(e);
        }
    }

    private static ReferenceEntry hashEntry(String list, String id, PdqResult pdq) {
        return ReferenceEntry.newBuilder()
                .setList(list)
                .setReferenceId(id)
                .setPdqHash(new Hash256(pdq.hash().bytes()))
                .setPdqQuality(pdq.quality())
                .build();
    }

    private static ReferenceEntry vectorEntry(String id, List<Float> vector, String model) {
        return ReferenceEntry.newBuilder()
                .setList("known-bad")
                .setReferenceId(id)
                .setEmbedding(ReferenceVector.newBuilder()
                        .setVector(vector)
                        .setModality(Modality.IMAGE)
                        .setModel(ModelRef.newBuilder().setId(model).build())
                        .build())
                .build();
    }

    private static Embedding embedding(String eventId, List<Float> vector, String model) {
        return Embedding.newBuilder()
                .setEventId(eventId)
                .setInput(new InputRef("probes", 0, 0L))
                .setModality(Modality.IMAGE)
                .setVector(vector)
                .setDimension(vector.size())
                .setModel(ModelRef.newBuilder().setId(model).build())
                .setTimings(Timings.newBuilder().build())
                .build();
    }

    /** A scene as the scene stage writes it: keyframe inline, its frame the scene's first (at 2 fps). */
    private static SceneDescription scene(String streamId, long index, long start, long end, byte[] keyframe) {
        return SceneDescription.newBuilder()
                .setEventId(streamId)
                .setInput(new InputRef("probes", 0, 0L))
                .setStreamId(streamId)
                .setStartPtsMicros(start)
                .setEndPtsMicros(end)
                .setModel(ModelRef.newBuilder().setId("colour-histogram").build())
                .setTimings(Timings.newBuilder().build())
                .setSceneIndex(index)
                .setFrameCount(4)
                .setClosedBy(SceneClosedBy.NEXT_SCENE)
                .setKeyframe(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(keyframe))
                        .setContentType(Keyframes.CONTENT_TYPE)
                        .build())
                .setKeyframeFrame(new FrameRef(streamId, start / 500_000L, start))
                .build();
    }

    private static ImageEvent image(String eventId, byte[] data) {
        return ImageEvent.newBuilder()
                .setEventId(eventId)
                .setMedia(Media.newBuilder().setInline(ByteBuffer.wrap(data)).build())
                .build();
    }
}
