package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.montage.processors.video.SceneTranscriptSettings;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Timings;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.TranscriptSegment;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scene-transcripts stage wired as in production ({@code scenes} and {@code transcripts} in,
 * {@code scene-transcripts} out): a clip's scenes and its transcript meet whichever comes first,
 * each scene gets exactly the segments that share time with it, and nothing waits past the wait.
 */
class SceneTranscriptsTopologyTest {

    private static final Duration WAIT = Duration.ofMinutes(5);

    /** Cuts at 3.2 s and 6.0 s, the clip ends at 9.0 s (the synthetic clip's three scenes). */
    private static final long[][] SCENES = {{0, 3_200_000}, {3_200_000, 6_000_000}, {6_000_000, 9_000_000}};

    /**
     * Speech in the first scene, one sentence across the first cut, one that ends exactly at the
     * second cut, and none in the third scene.
     */
    private static final List<TranscriptSegment> SEGMENTS = List.of(
            segment(500_000, 1_500_000, "boats in the harbour"),
            segment(2_900_000, 3_600_000, "and then"),
            segment(4_000_000, 6_000_000, "the market"));

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private TestPipeline pipeline;

    @BeforeEach
    void build() {
        pipeline = TestPipeline.of(topics, Stages.none().withSceneTranscripts(new SceneTranscriptSettings(WAIT)));
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void scenesThatCameFirstAreWrittenWithTheSegmentsThatOverlapThemWhenTheTranscriptComes() {
        pipeScenes("clip-1", true);
        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .as("no transcript yet")
                .isEmpty();

        pipeline.pipe(topics.transcripts(), "clip-1", transcript("clip-1", SEGMENTS));

        List<SceneDescription> joined = pipeline.readValues(topics.sceneTranscripts());
        assertThat(joined).extracting(SceneDescription::getSceneIndex).containsExactly(0L, 1L, 2L);
        assertThat(joined.get(0).getTranscriptSegments())
                .extracting(TranscriptSegment::getText)
                .as("the first scene: its own sentence and the one spoken across the cut")
                .containsExactly("boats in the harbour", "and then");
        assertThat(joined.get(1).getTranscriptSegments())
                .extracting(TranscriptSegment::getText)
                .as("the second: the sentence across the cut and the one ending at the next cut")
                .containsExactly("and then", "the market");
        assertThat(joined.get(2).getTranscriptSegments())
                .as("the third scene, silent, is joined with no segments (not null: a transcript came)")
                .isNotNull()
                .isEmpty();
        assertThat(joined)
                .extracting(SceneDescription::getStreamId, SceneDescription::getStartPtsMicros)
                .as("the scenes as the scenes stage wrote them")
                .containsExactly(tuple("clip-1", 0L), tuple("clip-1", 3_200_000L), tuple("clip-1", 6_000_000L));

        pipeline.advanceWallClock(WAIT.plusMinutes(1));
        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .as("nothing of the joined clip is left waiting")
                .isEmpty();
    }

    @Test
    void aTranscriptThatCameFirstWaitsForItsClipsScenesAndIsForgottenAfterTheLast() {
        pipeline.pipe(topics.transcripts(), "clip-2", transcript("clip-2", SEGMENTS));
        assertThat(pipeline.readValues(topics.sceneTranscripts())).isEmpty();

        pipeScenes("clip-2", true);

        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .extracting(scene -> scene.getTranscriptSegments().size())
                .as("each scene joined as it arrives")
                .containsExactly(2, 2, 0);

        // The transcript went with the clip's last scene: scenes of the same id now wait afresh.
        pipeScenes("clip-2", true);
        assertThat(pipeline.readValues(topics.sceneTranscripts())).isEmpty();
        pipeline.advanceWallClock(WAIT.plusSeconds(30));
        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .extracting(SceneDescription::getTranscriptSegments)
                .as("released after the wait, without a transcript")
                .containsExactly(null, null, null);
    }

    @Test
    void scenesWhoseTranscriptNeverComesAreWrittenWithoutSegmentsAfterTheWait() {
        pipeScenes("clip-3", true);

        pipeline.advanceWallClock(WAIT.minusSeconds(40));
        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .as("still within the wait")
                .isEmpty();

        pipeline.advanceWallClock(Duration.ofMinutes(1));
        List<SceneDescription> released = pipeline.readValues(topics.sceneTranscripts());
        assertThat(released).extracting(SceneDescription::getSceneIndex).containsExactly(0L, 1L, 2L);
        assertThat(released).allSatisfy(scene -> assertThat(scene.getTranscriptSegments())
                .as("null: no transcript came")
                .isNull());

        pipeline.pipe(topics.transcripts(), "clip-3", transcript("clip-3", SEGMENTS));
        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .as("a transcript after the release writes no scene twice")
                .isEmpty();
    }

    @Test
    void anAudioUploadsTranscriptIsForgottenAfterTheWait() {
        pipeline.pipe(topics.transcripts(), "podcast", transcript("podcast", SEGMENTS));
        pipeline.advanceWallClock(WAIT.plusSeconds(30));

        pipeScenes("podcast", true);
        assertThat(pipeline.readValues(topics.sceneTranscripts()))
                .as("scenes arriving after the transcript was forgotten wait for a new one")
                .isEmpty();
    }

    @Test
    void scenesOfSilentClipsAndLiveStreamsAreLeftAlone() {
        pipeScenes("silent-clip", false);
        pipeline.pipe(topics.transcripts(), "silent-clip", transcript("silent-clip", SEGMENTS));
        pipeline.advanceWallClock(WAIT.plusMinutes(1));

        assertThat(pipeline.readValues(topics.sceneTranscripts())).isEmpty();
        assertThat(pipeline.readValues(topics.deadLetter())).isEmpty();
    }

    @Test
    void aRecordThatIsNotAvroIsDeadLetteredWithItsReason() {
        pipeline.pipeRaw(topics.scenes().name(), "clip-x", "not avro".getBytes(StandardCharsets.UTF_8));
        pipeline.pipeRaw(topics.transcripts().name(), "clip-y", "not avro".getBytes(StandardCharsets.UTF_8));

        assertThat(pipeline.readValues(topics.deadLetter()))
                .extracting(DeadLetter::getStage, DeadLetter::getErrorClass, DeadLetter::getEventId)
                .containsExactly(
                        tuple("scene-transcripts", "INVALID_AVRO", "clip-x"),
                        tuple("scene-transcripts", "INVALID_AVRO", "clip-y"));
        assertThat(pipeline.readValues(topics.sceneTranscripts())).isEmpty();
    }

    private void pipeScenes(String clip, boolean soundTrack) {
        for (int i = 0; i < SCENES.length; i++) {
            SceneDescription scene = SceneDescription.newBuilder()
                    .setEventId(clip)
                    .setInput(new InputRef("probes", 0, (long) i))
                    .setStreamId(clip)
                    .setStartPtsMicros(SCENES[i][0])
                    .setEndPtsMicros(SCENES[i][1])
                    .setModel(new ModelRef("colour-histogram-scenes", "512-bins", "cpu"))
                    .setTimings(timings())
                    .setSceneIndex(i)
                    .setFrameCount(6)
                    .setClosedBy(i == SCENES.length - 1 ? SceneClosedBy.END_OF_CLIP : SceneClosedBy.NEXT_SCENE)
                    .setSoundTrack(soundTrack)
                    .build();
            pipeline.pipe(topics.scenes(), clip, scene);
        }
    }

    private static Transcript transcript(String clip, List<TranscriptSegment> segments) {
        return Transcript.newBuilder()
                .setEventId(clip)
                .setInput(new InputRef("probes", 0, 99L))
                .setText("")
                .setSegments(segments)
                .setAudioDurationMicros(9_000_000)
                .setModel(new ModelRef("tiny-whisper", null, "cpu"))
                .setTimings(timings())
                .build();
    }

    private static TranscriptSegment segment(long start, long end, String text) {
        return new TranscriptSegment(start, end, text, null, null);
    }

    private static Timings timings() {
        Instant now = Instant.now();
        return Timings.newBuilder()
                .setInputTimestamp(now)
                .setStartedAt(now)
                .setFinishedAt(now)
                .build();
    }
}
