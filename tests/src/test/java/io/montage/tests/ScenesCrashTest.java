package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.ContentKind;
import io.montage.models.media.SyntheticClip;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.topics.Topics;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenes stage survives a crash: Montage (probe and scenes, no model) runs as its own JVM, is
 * killed with SIGKILL while uploaded clips are being split and while a live stream's open scene
 * and its frames waiting out the grace period live in the stage's store, and is started again; the
 * rest of the live stream is sent after the restart. A read_committed reader of {@code scenes} then
 * sees every clip's three scenes and the live stream's three, with the boundaries of the synthetic
 * clip, none lost and none twice (no (streamId, sceneIndex) repeated).
 */
class ScenesCrashTest {

    private static final int CLIPS = 12;
    /** The clip's 18 frames at 2 fps, then three of a fourth segment, whose first closes the third scene. */
    private static final int LIVE_FRAMES = 21;
    /** Frames 0-10 (to 5 s) before the kill: scene 0 closes (cut at 3.5 s + 1 s grace), scene 1 is open. */
    private static final int LIVE_FRAMES_BEFORE_KILL = 11;

    private static final long SAMPLE_MICROS = 500_000;
    private static final List<SyntheticClip.Segment> SEGMENTS = SyntheticClip.threeScenes();
    private static final long[] CUTS = SyntheticClip.cutsMicros(SEGMENTS);
    private static final long CLIP_MICROS = 9_000_000;
    private static final SyntheticClip.Segment AFTER = new SyntheticClip.Segment(new Color(230, 200, 20), "AFTER", 1.5);

    @TempDir
    Path dir;

    @Test
    void sigkillMidClipAndMidStreamThenARestartGiveTheSameScenesNoneLostNoneTwice() throws Exception {
        try (CrashTestKafka kafka = CrashTestKafka.start(dir)) {
            Topics topics = kafka.topics;
            List<String> command = kafka.montage(
                    dir.resolve("montage"),
                    "montage.stages=probe,scenes",
                    // Longer than the kill and restart take: the live scene open at the kill must close on
                    // the frames sent after the restart, not on idleness while Montage was down.
                    MontageConfig.SCENES_IDLE_TIMEOUT + "=120s");
            MontageProcess first = MontageProcess.start(command, dir.resolve("montage-1.log"));
            first.awaitLog("Montage is running", Duration.ofSeconds(90));
            List<VideoFrameEvent> live = liveFrames("camera-1");
            List<String> clips = new ArrayList<>();

            try (TopicTail<SceneDescription> scenes = kafka.tail(topics.scenes());
                    MediaSender sender = kafka.sender(dir.resolve("blobs"))) {
                // Given a live stream's first 11 frames and 12 clips of three segments sent
                for (VideoFrameEvent frame : live.subList(0, LIVE_FRAMES_BEFORE_KILL)) {
                    sender.produce(topics.videoFrames(), "camera-1", frame);
                }
                byte[] clip = SyntheticClip.mp4(SEGMENTS, 640, 360);
                for (int i = 0; i < CLIPS; i++) {
                    clips.add(sender.send(Path.of("clip-" + i + ".mp4"), clip, ContentKind.VIDEO)
                            .eventId());
                }
                sender.flush();

                // When Montage is killed with SIGKILL once the first clip's scenes are committed
                SceneLedger seen = new SceneLedger();
                seen.readUntil(
                        scenes,
                        "the first clip's scenes and the live stream's first",
                        () -> seen.count(clips.get(0)) == 3 && seen.count("camera-1") >= 1,
                        Duration.ofSeconds(60));
                first.kill();
                int clipsDoneBeforeKill =
                        (int) clips.stream().filter(id -> seen.count(id) == 3).count();
                int liveBeforeKill = seen.count("camera-1");
                assertThat(clipsDoneBeforeKill)
                        .as("the kill must land mid-clip")
                        .isLessThan(CLIPS);
                assertThat(liveBeforeKill)
                        .as("the live stream's second scene is open at the kill")
                        .isEqualTo(1);

                // and started again, with the rest of the live stream sent after the restart
                MontageProcess second = MontageProcess.start(command, dir.resolve("montage-2.log"));
                try {
                    second.awaitLog("Montage is running", Duration.ofSeconds(90));
                    for (VideoFrameEvent frame : live.subList(LIVE_FRAMES_BEFORE_KILL, LIVE_FRAMES)) {
                        sender.produce(topics.videoFrames(), "camera-1", frame);
                    }
                    sender.flush();
                    seen.readUntil(
                            scenes,
                            "three scenes of every clip and of the live stream",
                            () -> clips.stream().allMatch(id -> seen.count(id) >= 3) && seen.count("camera-1") >= 3,
                            Duration.ofSeconds(60));
                    // Read on a little: a duplicate arriving late must be seen too.
                    scenes.poll(Duration.ofSeconds(3), r -> seen.add(r.key(), r.value()));
                } finally {
                    second.stop();
                }

                // Then every stream has the synthetic clip's three scenes, each once
                for (String id : clips) {
                    assertTheThreeScenes(seen.scenes(id), SceneClosedBy.END_OF_CLIP);
                }
                assertTheThreeScenes(seen.scenes("camera-1"), SceneClosedBy.NEXT_SCENE);
                assertThat(seen.duplicates())
                        .as("(streamId, sceneIndex) written twice")
                        .isEmpty();
                System.out.printf(
                        Locale.ROOT,
                        "SCENES crash: %d of %d clips and %d of 3 live scenes committed before SIGKILL; after the "
                                + "restart %d scene records, 0 lost, 0 duplicated%n",
                        clipsDoneBeforeKill,
                        CLIPS,
                        liveBeforeKill,
                        seen.total());
            }
        }
    }

    /** Three scenes from the cuts (within one sampled frame), 7, 5 and 6 frames, the first two closed by the next. */
    private static void assertTheThreeScenes(List<SceneDescription> scenes, SceneClosedBy last) {
        assertThat(scenes).extracting(SceneDescription::getSceneIndex).containsExactly(0L, 1L, 2L);
        for (int i = 0; i < 3; i++) {
            long error = scenes.get(i).getStartPtsMicros() - CUTS[i];
            assertThat(error)
                    .as("%s scene %d starts %d us after its cut", scenes.get(i).getStreamId(), i, error)
                    .isBetween(0L, SAMPLE_MICROS);
        }
        assertThat(scenes).extracting(SceneDescription::getFrameCount).containsExactly(7, 5, 6);
        assertThat(scenes)
                .extracting(SceneDescription::getClosedBy)
                .containsExactly(SceneClosedBy.NEXT_SCENE, SceneClosedBy.NEXT_SCENE, last);
    }

    /**
     * The three segments as a live camera sends them, 640x360 JPEG frames at 2 fps, 9 s in all, then
     * 1.5 s of a fourth: its first frame closes the third scene once the 1 s grace has passed it.
     */
    static List<VideoFrameEvent> liveFrames(String streamId) {
        List<VideoFrameEvent> frames = new ArrayList<>();
        for (int index = 0; index < LIVE_FRAMES; index++) {
            long pts = index * SAMPLE_MICROS;
            int segment = CUTS.length - 1;
            while (CUTS[segment] > pts) {
                segment--;
            }
            SyntheticClip.Segment shown = pts < CLIP_MICROS ? SEGMENTS.get(segment) : AFTER;
            frames.add(LiveCamera.frame(streamId, index, pts, shown, 640, 360));
        }
        return frames;
    }
}
