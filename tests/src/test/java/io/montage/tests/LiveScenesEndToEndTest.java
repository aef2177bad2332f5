package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.SyntheticClip;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.SceneClosedBy;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live stream through a running Montage (embedded broker and registry, the probe and scenes
 * stages, no model): its frames on {@code video-frames}, keyed by stream id, become its scenes, the
 * last closed when the stream goes idle; each scene so far is on the compacted {@code scenes-open}
 * while it is open, and a tombstone follows the idle close; the stream's window gets its contact sheet,
 * summary video and WebVTT track; how fast its frames go through is printed.
 */
class LiveScenesEndToEndTest {

    private static final long SAMPLE_MICROS = 500_000;

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        montage = RunningMontage.startWithStages(dataDir, Map.of(MontageConfig.SCENES_IDLE_TIMEOUT, "3s"), "scenes");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void aLiveStreamsFramesBecomeItsScenesAndHowFastTheyGoThroughIsMeasured() throws Exception {
        // Six 5-second shots of alternating colours at 2 fps: 60 frames, the last cut at frame 50.
        int frames = 60;
        int shotFrames = 10;
        Color[] colours = {new Color(20, 40, 160), new Color(170, 30, 30), new Color(30, 140, 50)};
        List<VideoFrameEvent> events = new ArrayList<>();
        for (int index = 0; index < frames; index++) {
            int shot = index / shotFrames;
            SyntheticClip.Segment segment =
                    new SyntheticClip.Segment(colours[shot % colours.length], "SHOT " + shot, 5);
            events.add(LiveCamera.frame("live", index, index * SAMPLE_MICROS, segment, 640, 360));
        }
        long started = System.nanoTime();
        try (MediaSender sender = montage.sender()) {
            for (VideoFrameEvent event : events) {
                sender.produce(montage.app.topics().videoFrames(), "live", event);
            }
        }

        // The sixth shot's scene closes on idle; the fifth closed when frame 52 (its cut + the 1 s grace) went through.
        List<SceneDescription> scenes = new ArrayList<>();
        long[] fifthClosedAt = {0};
        try (TopicTail<SpecificRecord> tail = montage.tail(montage.app.topics().scenes())) {
            await("the live stream's six scenes")
                    .atMost(Duration.ofSeconds(120))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(100), r -> {
                            if ("live".equals(r.key())) {
                                scenes.add((SceneDescription) r.value());
                                if (scenes.size() == 5) {
                                    fifthClosedAt[0] = System.nanoTime();
                                }
                            }
                        });
                        assertThat(scenes).hasSize(6);
                    });
        }

        assertThat(scenes)
                .extracting(SceneDescription::getStartPtsMicros)
                .containsExactly(0L, 5_000_000L, 10_000_000L, 15_000_000L, 20_000_000L, 25_000_000L);
        assertThat(scenes.get(5).getClosedBy()).isEqualTo(SceneClosedBy.IDLE);
        assertThat(scenes).extracting(SceneDescription::getOcrText).containsOnlyNulls();

        // 5-second shots and the default 5 s interval: one update per scene, as it opens; then the tombstone.
        List<SceneDescription> open = new ArrayList<>();
        try (TopicTail<SpecificRecord> tail = montage.tail(montage.app.topics().scenesOpen())) {
            assertThat(tail.pollUntil(
                            () -> !open.isEmpty() && open.get(open.size() - 1) == null,
                            Duration.ofSeconds(30),
                            r -> open.add((SceneDescription) r.value())))
                    .as("scenes-open ends with a tombstone for the idle stream")
                    .isTrue();
        }
        assertThat(open.subList(0, open.size() - 1))
                .extracting(SceneDescription::getSceneIndex, SceneDescription::getClosedBy)
                .containsExactly(
                        tuple(0L, SceneClosedBy.ONGOING),
                        tuple(1L, SceneClosedBy.ONGOING),
                        tuple(2L, SceneClosedBy.ONGOING),
                        tuple(3L, SceneClosedBy.ONGOING),
                        tuple(4L, SceneClosedBy.ONGOING),
                        tuple(5L, SceneClosedBy.ONGOING));
        // The default 5-minute window: the 30-second stream is one window, written with the idle close.
        List<GeneratedMedia> window = new ArrayList<>();
        try (TopicTail<SpecificRecord> tail = montage.tail(montage.app.topics().generatedMedia())) {
            tail.pollUntil(
                    () -> window.size() >= 3, Duration.ofSeconds(30), r -> window.add((GeneratedMedia) r.value()));
        }
        assertThat(window)
                .extracting(
                        GeneratedMedia::getEventId, media -> media.getMedia().getFileName())
                .containsExactly(
                        tuple("live-window-0", "live-window-0-contact-sheet.jpg"),
                        tuple("live-window-0", "live-window-0-summary.mp4"),
                        tuple("live-window-0", "live-window-0-summary.vtt"));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, montage.app.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(
                    ConfigResource.Type.TOPIC, montage.app.topics().scenesOpen().name());
            assertThat(admin.describeConfigs(List.of(topic))
                            .all()
                            .get()
                            .get(topic)
                            .get("cleanup.policy")
                            .value())
                    .isEqualTo("compact");
        }
        double seconds = (fifthClosedAt[0] - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "SCENES live: 52 frames through probe + scenes (no OCR) in "
                        + "%.2f s: %.1f frames/s for one stream; %d keyframes of %d frames%n",
                seconds,
                52 / seconds,
                scenes.size(),
                frames);
    }
}
