package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.ContentKind;
import io.montage.models.media.SyntheticClip;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.MatchSignal;
import io.montage.schemas.avro.SceneDescription;
import io.montage.topology.cli.MontageCommand;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A listed still inside an uploaded clip, on the embedded default (probe, scenes, match): the photo
 * is put on a list with {@code montage lists add}; a clip whose middle segment shows it (MPEG-4,
 * decoded, its keyframe re-encoded by the scene stage) gets one {@code matches} record, naming the
 * middle scene. The clip's first frame (the probe's hash) and its other scenes match nothing.
 */
class SceneMatchEndToEndTest {

    private static final Path PHOTO =
            Path.of("..", "models", "src", "test", "resources", "vision", "photo-720x480.png");
    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;
    private static final double SECONDS = 2.0;
    private static final long SAMPLE_MICROS = 500_000;

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        montage = RunningMontage.startWithStages(dataDir, Map.of(), "scenes", "match");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void aClipWhoseMiddleSceneShowsAListedPhotoMatchesThatScene() throws Exception {
        assertThat(lists("add", "--list", "known-bad", "--id", "case-7", PHOTO.toString()))
                .isZero();
        byte[] clip = SyntheticClip.mp4OfShots(
                List.of(
                        shot(new SyntheticClip.Segment(new Color(20, 40, 160), "HARBOUR", SECONDS)),
                        new SyntheticClip.Shot(bgr(ImageIO.read(PHOTO.toFile())), SECONDS),
                        shot(new SyntheticClip.Segment(new Color(30, 140, 50), "FOREST", SECONDS))),
                WIDTH,
                HEIGHT);

        long sent = System.nanoTime();
        String eventId;
        try (MediaSender sender = montage.sender()) {
            eventId = sender.send(Path.of("listed-photo-inside.mp4"), clip, ContentKind.VIDEO)
                    .eventId();
        }
        List<SceneDescription> scenes = new ArrayList<>();
        List<long[]> sceneOffsets = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        try (TopicTail<SpecificRecord> tail = montage.tail(
                        montage.app.topics().scenes(), montage.app.topics().matches());
                Admin admin = Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, montage.app.bootstrapServers()))) {
            // Done when the match stage has committed past the clip's every scene: its matches are in then.
            await("the match stage past the scenes of " + eventId)
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .until(() -> {
                        tail.poll(Duration.ofMillis(200), r -> {
                            if (r.value() instanceof SceneDescription scene && eventId.equals(r.key())) {
                                scenes.add(scene);
                                sceneOffsets.add(new long[] {r.partition(), r.offset()});
                            } else if (r.value() instanceof Match match && eventId.equals(match.getEventId())) {
                                matches.add(match);
                            }
                        });
                        return scenes.size() == 3 && committedPast(admin, sceneOffsets.get(2));
                    });
            while (tail.poll(Duration.ofMillis(300), r -> {
                        if (r.value() instanceof Match match && eventId.equals(match.getEventId())) {
                            matches.add(match);
                        }
                    })
                    > 0) {}
        }
        double millis = (System.nanoTime() - sent) / 1e6;

        assertThat(matches).singleElement().satisfies(match -> {
            assertThat(match.getList()).isEqualTo("known-bad");
            assertThat(match.getReferenceId()).isEqualTo("case-7");
            assertThat(match.getSignal()).isEqualTo(MatchSignal.PDQ_HASH);
            assertThat(match.getDistance()).isBetween(0.0, 31.0);
            assertThat(match.getInput().getTopic())
                    .isEqualTo(montage.app.topics().scenes().name());
            assertThat(match.getScene().getSceneIndex()).isEqualTo(1);
            assertThat(match.getScene().getStartPtsMicros())
                    .isBetween((long) (SECONDS * 1e6), (long) (SECONDS * 1e6) + SAMPLE_MICROS);
            assertThat(match.getScene().getEndPtsMicros())
                    .isEqualTo(scenes.get(1).getEndPtsMicros());
            assertThat(match.getFrame().getPtsMicros())
                    .isEqualTo(match.getScene().getStartPtsMicros());
        });
        Match match = matches.get(0);
        System.out.printf(
                Locale.ROOT,
                "scene match end to end: %d scenes; scene %d (%d-%d us) matched known-bad/case-7 at PDQ distance %.0f "
                        + "(quality %d); clip done at the match stage %.0f ms after sending%n",
                scenes.size(),
                match.getScene().getSceneIndex(),
                match.getScene().getStartPtsMicros(),
                match.getScene().getEndPtsMicros(),
                match.getDistance(),
                match.getPdqQuality(),
                millis);
    }

    private static boolean committedPast(Admin admin, long[] partitionAndOffset) throws Exception {
        TopicPartition partition =
                new TopicPartition(montage.app.topics().scenes().name(), (int) partitionAndOffset[0]);
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        montage.settings.applicationId("match"))
                .partitionsToOffsetAndMetadata()
                .get();
        OffsetAndMetadata committed = offsets.get(partition);
        return committed != null && committed.offset() > partitionAndOffset[1];
    }

    private static SyntheticClip.Shot shot(SyntheticClip.Segment segment) {
        return new SyntheticClip.Shot(SyntheticClip.picture(segment, WIDTH, HEIGHT), segment.seconds());
    }

    private static BufferedImage bgr(BufferedImage picture) {
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int lists(String... args) {
        List<String> all = new ArrayList<>(List.of("lists"));
        all.add(args[0]);
        all.addAll(List.of(
                "-D", MontageConfig.BOOTSTRAP_SERVERS + "=" + montage.app.bootstrapServers(),
                "-D", MontageConfig.SCHEMA_REGISTRY_URL + "=" + montage.app.registryUrl()));
        all.addAll(List.of(args).subList(1, args.length));
        return new CommandLine(new MontageCommand()).execute(all.toArray(String[]::new));
    }
}
