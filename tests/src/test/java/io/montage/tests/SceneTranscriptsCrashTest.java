package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.processors.video.TranscriptOverlap;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Timings;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.TranscriptSegment;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scene-transcripts stage survives a crash: run alone as its own JVM, it is killed with SIGKILL
 * once the first clip is joined, while the scenes of half the clips wait in its store for
 * transcripts not yet sent (the other half joined, or being joined), and started again; the missing
 * transcripts are sent after the restart. A
 * read_committed reader of {@code scene-transcripts} then sees every scene of every clip once, each
 * with the segments of its clip's transcript that overlap it.
 */
class SceneTranscriptsCrashTest {

    private static final int CLIPS = 40;
    private static final long[][] SCENES = {{0, 3_200_000}, {3_200_000, 6_000_000}, {6_000_000, 9_000_000}};

    @TempDir
    Path dir;

    @Test
    void sigkillWhileScenesWaitForTheirTranscriptsThenARestartJoinsEachSceneOnce() throws Exception {
        try (CrashTestKafka kafka = CrashTestKafka.start(dir)) {
            Topics topics = kafka.topics;
            List<String> command = kafka.montage(dir.resolve("montage"), "montage.stages=scene-transcripts");
            MontageProcess first = MontageProcess.start(command, dir.resolve("montage-1.log"));
            first.awaitLog("Montage is running", Duration.ofSeconds(90));
            List<String> clips =
                    IntStream.range(0, CLIPS).mapToObj(i -> "clip-" + i).toList();
            List<String> before = clips.subList(0, CLIPS / 2);
            List<String> after = clips.subList(CLIPS / 2, CLIPS);

            try (TopicTail<SceneDescription> joined = kafka.tail(topics.sceneTranscripts());
                    MediaSender sender = kafka.sender(dir.resolve("blobs"))) {
                // Given every clip's scenes, then the transcripts of the first half
                for (String clip : clips) {
                    for (int i = 0; i < SCENES.length; i++) {
                        sender.produce(topics.scenes(), clip, scene(clip, i));
                    }
                }
                for (String clip : before) {
                    sender.produce(topics.transcripts(), clip, transcript(clip));
                }
                sender.flush();

                // When the stage is killed once the first clip is joined
                SceneLedger seen = new SceneLedger();
                seen.readUntil(
                        joined,
                        "the first clip's joined scenes",
                        () -> seen.count(before.get(0)) == 3,
                        Duration.ofSeconds(60));
                first.kill();
                int joinedBeforeKill = seen.total();

                // and started again, with the other half's transcripts sent after the restart
                MontageProcess second = MontageProcess.start(command, dir.resolve("montage-2.log"));
                try {
                    second.awaitLog("Montage is running", Duration.ofSeconds(90));
                    for (String clip : after) {
                        sender.produce(topics.transcripts(), clip, transcript(clip));
                    }
                    sender.flush();
                    seen.readUntil(
                            joined,
                            "every clip's three joined scenes",
                            () -> clips.stream().allMatch(id -> seen.count(id) >= 3),
                            Duration.ofSeconds(60));
                    // Read on a little: a duplicate arriving late must be seen too.
                    joined.poll(Duration.ofSeconds(3), r -> seen.add(r.key(), r.value()));
                } finally {
                    second.stop();
                }

                // Then every scene is joined once, with the segments of its clip that overlap it
                for (String clip : clips) {
                    List<SceneDescription> scenes = seen.scenes(clip);
                    assertThat(scenes)
                            .extracting(SceneDescription::getSceneIndex)
                            .containsExactlyInAnyOrder(0L, 1L, 2L);
                    for (SceneDescription scene : scenes) {
                        assertThat(scene.getTranscriptSegments())
                                .as("%s scene %d", clip, scene.getSceneIndex())
                                .isEqualTo(TranscriptOverlap.of(
                                        transcript(clip).getSegments(),
                                        scene.getStartPtsMicros(),
                                        scene.getEndPtsMicros()));
                    }
                }
                assertThat(seen.duplicates())
                        .as("(clip, sceneIndex) written twice")
                        .isEmpty();
                assertThat(joinedBeforeKill)
                        .as("the kill must land with scenes still waiting")
                        .isLessThan(3 * CLIPS);
                System.out.printf(
                        Locale.ROOT,
                        "SCENE-TRANSCRIPTS crash: %d of %d scenes joined before SIGKILL (%d waiting for transcripts"
                                + " sent after it); after the restart %d joined scenes, 0 lost, 0 duplicated%n",
                        joinedBeforeKill,
                        3 * CLIPS,
                        3 * after.size(),
                        seen.total());
            }
        }
    }

    private static SceneDescription scene(String clip, int index) {
        return SceneDescription.newBuilder()
                .setEventId(clip)
                .setInput(new InputRef("probes", 0, (long) index))
                .setStreamId(clip)
                .setStartPtsMicros(SCENES[index][0])
                .setEndPtsMicros(SCENES[index][1])
                .setModel(new ModelRef("colour-histogram-scenes", "512-bins", "cpu"))
                .setTimings(timings())
                .setSceneIndex(index)
                .setFrameCount(6)
                .setClosedBy(index == SCENES.length - 1 ? SceneClosedBy.END_OF_CLIP : SceneClosedBy.NEXT_SCENE)
                .setSoundTrack(true)
                .build();
    }

    /** A sentence in the first scene and one across the second cut: 1, 1 and 1 segments per scene. */
    private static Transcript transcript(String clip) {
        return Transcript.newBuilder()
                .setEventId(clip)
                .setInput(new InputRef("probes", 0, 99L))
                .setText("harbour market forest")
                .setSegments(List.of(
                        new TranscriptSegment(500_000L, 1_500_000L, "harbour " + clip, null, null),
                        new TranscriptSegment(5_500_000L, 6_500_000L, "market forest", null, null)))
                .setAudioDurationMicros(9_000_000)
                .setModel(new ModelRef("whisper-base", null, "cpu"))
                .setTimings(timings())
                .build();
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
