package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.vision.hash.ReEncodedCopies;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.MatchSignal;
import io.montage.schemas.avro.ProbeResult;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's end-to-end promise on the embedded default: `montage lists add` puts a picture on a
 * reference list, a re-encoded copy of it uploaded with `montage send` gets a {@code matches}
 * record with its distance, an unrelated picture gets none, and after `montage lists remove` the
 * copy matches nothing; a mirrored copy matches an entry added with {@code --mirrored} — all
 * without restarting Montage.
 *
 * <p>"No match" is observed, not waited out: an upload is done with when the match stage's
 * consumer group has committed past its probe result (exactly-once: its outputs committed with it).
 */
class MatchEndToEndTest {

    private static final Path PHOTO =
            Path.of("..", "models", "src", "test", "resources", "vision", "photo-720x480.png");
    private static final Path UNRELATED =
            Path.of("..", "models", "src", "test", "resources", "media", "unrelated-320x240.jpg");

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;

    @BeforeAll
    static void startMontage() {
        montage = RunningMontage.startWithStages(dataDir.resolve("montage"), Map.of(), "match");
    }

    @AfterAll
    static void stopMontage() {
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void aListedPicturesReEncodedCopyMatchesUntilItsEntryIsRemoved() throws Exception {
        Path copy = Files.write(dataDir.resolve("copy.jpg"), ReEncodedCopies.resizedJpeg(PHOTO, 0.7, 0.5f));
        try (MediaSender sender = montage.sender();
                TopicTail<SpecificRecord> tail = montage.tail(
                        montage.app.topics().probes(), montage.app.topics().matches());
                Admin admin = admin()) {
            Outputs outputs = new Outputs(tail);

            // Given the original on the known-bad list, added with the CLI
            long addStart = System.nanoTime();
            assertThat(lists("add", "--list", "known-bad", "--id", "case-7", "--note", "test", PHOTO.toString()))
                    .isZero();
            double addMillis = (System.nanoTime() - addStart) / 1e6;

            // When a resized, recompressed copy is uploaded
            long sent = System.nanoTime();
            Upload matched =
                    uploadUntil(sender, outputs, admin, copy, u -> !u.matches().isEmpty());
            double matchMillis = (System.nanoTime() - sent) / 1e6;

            // Then its match names the list, the entry and the distance
            assertThat(matched.matches()).singleElement().satisfies(match -> {
                assertThat(match.getList()).isEqualTo("known-bad");
                assertThat(match.getReferenceId()).isEqualTo("case-7");
                assertThat(match.getSignal()).isEqualTo(MatchSignal.PDQ_HASH);
                assertThat(match.getDistance()).isBetween(0.0, 31.0);
                assertThat(match.getThreshold()).isEqualTo(31.0);
            });

            // And an unrelated picture matches nothing
            Upload unrelated = upload(sender, outputs, admin, UNRELATED);
            assertThat(unrelated.matches()).isEmpty();

            // When the entry is removed, the copy matches nothing any more
            long removeStart = System.nanoTime();
            assertThat(lists("remove", "--list", "known-bad", "--id", "case-7")).isZero();
            Upload afterRemoval =
                    uploadUntil(sender, outputs, admin, copy, u -> u.matches().isEmpty());
            double removeMillis = (System.nanoTime() - removeStart) / 1e6;
            assertThat(afterRemoval.matches()).isEmpty();

            // And a mirrored copy matches an entry added for mirrored and turned copies too
            Path mirrored = Files.write(dataDir.resolve("mirrored.jpg"), ReEncodedCopies.mirroredJpeg(PHOTO));
            assertThat(lists("add", "--list", "copyrighted", "--id", "poster", "--mirrored", PHOTO.toString()))
                    .isZero();
            Upload mirroredMatch = uploadUntil(
                    sender, outputs, admin, mirrored, u -> !u.matches().isEmpty());
            assertThat(mirroredMatch.matches()).singleElement().satisfies(match -> {
                assertThat(match.getList()).isEqualTo("copyrighted");
                assertThat(match.getDistance()).isBetween(0.0, 31.0);
            });

            System.out.printf(
                    Locale.ROOT,
                    "match end to end: lists add %.0f ms; copy (70%%, JPEG 50) matched at PDQ distance %.0f "
                            + "(quality %d) %.0f ms after sending, in %d upload(s); unrelated picture: no match, "
                            + "done %.0f ms after sending; after lists remove (%.0f ms until an upload matched "
                            + "nothing, %d upload(s)): no match; mirrored copy against a --mirrored entry: PDQ "
                            + "distance %.0f%n",
                    addMillis,
                    matched.matches().get(0).getDistance(),
                    matched.matches().get(0).getPdqQuality(),
                    matchMillis,
                    matched.attempt(),
                    unrelated.millis(),
                    removeMillis,
                    afterRemoval.attempt(),
                    mirroredMatch.matches().get(0).getDistance());
        }
    }

    /** One upload's outcome at the match stage: its matches once the stage committed past its probe. */
    private record Upload(String eventId, List<Match> matches, double millis, int attempt) {}

    /**
     * Uploads {@code file} until an upload satisfies {@code wanted}: the reference lists reach the
     * match stage through its global table, so a change made just before an upload may reach it a
     * moment after that upload's probe result.
     */
    private static Upload uploadUntil(
            MediaSender sender, Outputs outputs, Admin admin, Path file, java.util.function.Predicate<Upload> wanted) {
        Upload[] last = {null};
        int[] attempts = {0};
        await("an upload of " + file + " as wanted")
                .atMost(Duration.ofSeconds(60))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    attempts[0]++;
                    Upload u = upload(sender, outputs, admin, file);
                    last[0] = new Upload(u.eventId(), u.matches(), u.millis(), attempts[0]);
                    return wanted.test(last[0]);
                });
        return last[0];
    }

    private static Upload upload(MediaSender sender, Outputs outputs, Admin admin, Path file) throws Exception {
        long start = System.nanoTime();
        String eventId = sender.send(file).eventId();
        ProbeResult probe = await("the probe result of " + eventId)
                .atMost(Duration.ofSeconds(60))
                .pollInSameThread()
                .until(() -> outputs.probe(eventId), Optional::isPresent)
                .get();
        TopicPartition partition =
                new TopicPartition(montage.app.topics().probes().name(), outputs.probePartition(eventId));
        long offset = outputs.probeOffset(eventId);
        await("the match stage past " + eventId + "'s probe result")
                .atMost(Duration.ofSeconds(60))
                .pollInSameThread()
                .until(() -> committed(admin, partition) > offset);
        outputs.drain();
        assertThat(probe.getPdqHash()).isNotNull();
        return new Upload(eventId, outputs.matches(eventId), (System.nanoTime() - start) / 1e6, 1);
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        montage.settings.applicationId("match"))
                .partitionsToOffsetAndMetadata()
                .get();
        OffsetAndMetadata committed = offsets.get(partition);
        return committed == null ? -1 : committed.offset();
    }

    /** What the tail has read so far, by event id. */
    private static final class Outputs {
        private final TopicTail<SpecificRecord> tail;
        private final Map<String, ProbeResult> probes = new HashMap<>();
        private final Map<String, int[]> probeCoordinates = new HashMap<>();
        private final Map<String, List<Match>> matches = new HashMap<>();

        Outputs(TopicTail<SpecificRecord> tail) {
            this.tail = tail;
        }

        Optional<ProbeResult> probe(String eventId) {
            drain();
            return Optional.ofNullable(probes.get(eventId));
        }

        int probePartition(String eventId) {
            return probeCoordinates.get(eventId)[0];
        }

        long probeOffset(String eventId) {
            return probeCoordinates.get(eventId)[1];
        }

        List<Match> matches(String eventId) {
            return matches.getOrDefault(eventId, List.of());
        }

        /** Reads until a poll brings nothing: the matches committed with the stage's offsets are then in. */
        void drain() {
            while (tail.poll(Duration.ofMillis(300), record -> {
                        if (record.value() instanceof ProbeResult probe) {
                            probes.put(probe.getEventId(), probe);
                            probeCoordinates.put(
                                    probe.getEventId(), new int[] {record.partition(), (int) record.offset()});
                        } else if (record.value() instanceof Match match) {
                            matches.computeIfAbsent(match.getEventId(), k -> new ArrayList<>())
                                    .add(match);
                        }
                    })
                    > 0) {}
        }
    }

    private static int lists(String... args) {
        return ReferenceLists.run(montage, args);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, montage.app.bootstrapServers()));
    }
}
