package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.speech.TinyWhisper;
import io.montage.models.store.ModelFiles;
import io.montage.models.vision.clip.TinyClip;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.client.TopicTail;
import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Montage (its own JVM) is killed with SIGKILL at random moments — while starting, restoring, or in
 * the middle of batches — during a steady mix of images, audio clips and texts through the probe
 * and three batching model stages, and restarted each time; afterwards every event has exactly
 * one output from every stage it passes through.
 *
 * <p>Three kills by default (CI); the soak runs ten: {@code -Dmontage.kills=10}. The random moments
 * come from a seed printed at the start; {@code -Dmontage.kills.seed=N} replays a run.
 */
class RepeatedKillTest {

    private static final int KILLS = Integer.getInteger("montage.kills", 3);
    private static final long SEED = Long.getLong("montage.kills.seed", System.currentTimeMillis());
    /** Each kill lands this long after the previous start, drawn uniformly. */
    private static final Duration EARLIEST = Duration.ofSeconds(2);

    private static final Duration LATEST = Duration.ofSeconds(14);

    @TempDir
    Path dir;

    @Test
    void sigkillsAtRandomMomentsLoseNothingAndDuplicateNothing() throws Exception {
        System.out.printf(
                "repeated kills: %d kills, seed %d (-Dmontage.kills.seed=%d replays them)%n", KILLS, SEED, SEED);
        Random random = new Random(SEED);
        EmbeddedBrokerSettings brokerSettings = LoopbackBroker.settings(dir.resolve("broker"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "127.0.0.1", 0, "_schemas");
                SchemaRegistryClient client =
                        RestSchemaRegistryClient.forUrls(registry.url().toString())) {
            String bootstrap = broker.bootstrapServers();
            Topics topics = Topics.withRegistry("", client);
            List<String> command = montageCommand(bootstrap, registry.url().toString());
            MontageProcess montage = MontageProcess.start(command, dir.resolve("montage-0.log"));
            montage.awaitLog("Montage is running", Duration.ofSeconds(90));
            OutputLedger seen = new OutputLedger();
            List<String> moments = new ArrayList<>();
            try (MixedUploads uploads = new MixedUploads(topics, bootstrap, dir.resolve("blobs"));
                    TopicTail<GenericRecord> outputs = new TopicTail<>(
                            bootstrap,
                            java.util.Map.of(),
                            List.of(
                                    topics.probes().name(),
                                    topics.deadLetter().name(),
                                    topics.embeddings().name(),
                                    topics.transcripts().name(),
                                    topics.generatedMedia().name()),
                            new GenericRecordDeserializer(client))) {
                uploads.start();
                // When Montage is killed at random moments, and started again each time
                for (int kill = 1; kill <= KILLS; kill++) {
                    long after = EARLIEST.toMillis()
                            + (long) (random.nextDouble() * (LATEST.toMillis() - EARLIEST.toMillis()));
                    long until = System.currentTimeMillis() + after;
                    while (System.currentTimeMillis() < until) {
                        outputs.poll(Duration.ofMillis(50), r -> seen.add(r.value()));
                    }
                    String state =
                            Files.readString(montage.log()).contains("Montage is running") ? "running" : "starting";
                    montage.kill();
                    moments.add(String.format(
                            "%.1f s after start (%s, %s outputs so far)", after / 1000.0, state, seen.totals()));
                    montage = MontageProcess.start(command, dir.resolve("montage-" + kill + ".log"));
                }
                montage.awaitLog("Montage is running", Duration.ofSeconds(90));
                // a little more traffic after the last restart, then the stream ends
                long until = System.currentTimeMillis() + 3_000;
                while (System.currentTimeMillis() < until) {
                    outputs.poll(Duration.ofMillis(50), r -> seen.add(r.value()));
                }
                uploads.stop();

                // Then every event has exactly one output from every stage it passes through
                Set<String> allMedia = new HashSet<>(uploads.images);
                allMedia.addAll(uploads.audio);
                seen.await(
                        outputs,
                        "an output from every stage for each of " + allMedia.size() + " uploads ("
                                + uploads.decodableAudio.size() + " decodable audio) and " + uploads.texts.size()
                                + " texts",
                        () -> seen.count("probe") >= allMedia.size()
                                && seen.count("image-embed") >= uploads.decodableImages.size()
                                && seen.count("transcribe") >= uploads.decodableAudio.size()
                                && seen.count("text-embed")
                                        >= uploads.texts.size() + seen.spoken().size()
                                && seen.count("subtitles") >= seen.spoken().size(),
                        Duration.ofSeconds(300));
                outputs.poll(Duration.ofSeconds(3), r -> seen.add(r.value()));
                assertThat(seen.duplicates())
                        .as("event ids with two outputs from one stage")
                        .isEmpty();
                assertThat(seen.ids("probe")).containsExactlyInAnyOrderElementsOf(allMedia);
                assertThat(seen.ids("image-embed")).containsExactlyInAnyOrderElementsOf(uploads.decodableImages);
                assertThat(seen.ids("transcribe")).containsExactlyInAnyOrderElementsOf(uploads.decodableAudio);
                assertThat(seen.ids("subtitles")).containsExactlyInAnyOrderElementsOf(seen.spoken());
                Set<String> embeddedTexts = new HashSet<>(uploads.texts);
                embeddedTexts.addAll(seen.spoken());
                assertThat(seen.ids("text-embed")).containsExactlyInAnyOrderElementsOf(embeddedTexts);
                assertThat(seen.spoken())
                        .as("some clips were transcribed with speech")
                        .isNotEmpty();
                System.out.printf(
                        "repeated kills: killed at %s; %d images, %d audio clips, %d texts sent; outputs %s;"
                                + " 0 duplicates, 0 lost%n",
                        String.join("; ", moments),
                        uploads.images.size(),
                        uploads.audio.size(),
                        uploads.texts.size(),
                        seen.totals());
            } finally {
                montage.stop();
            }
        }
    }

    private List<String> montageCommand(String bootstrap, String registryUrl) throws Exception {
        ModelFiles clip = TinyClip.files(Files.createDirectories(dir.resolve("clip")));
        ModelFiles whisper = TinyWhisper.files(Files.createDirectories(dir.resolve("whisper")));
        Path catalog = UserCatalog.write(dir.resolve("my-models.json"), clip, whisper);
        return MontageProcess.command(
                dir.resolve("montage"),
                bootstrap,
                registryUrl,
                -1,
                "montage.models.catalog=" + catalog,
                "montage.image-embed.model=" + TinyClip.ID,
                "montage.transcribe.model=tiny-whisper",
                "montage.stages=probe,text-embed,image-embed,transcribe");
    }
}
