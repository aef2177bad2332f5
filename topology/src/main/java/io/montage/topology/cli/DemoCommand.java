package io.montage.topology.cli;

import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.natives.NativeCheck;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.stage.StageId;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.app.MontageApplication;
import io.montage.topology.app.MontageNatives;
import io.montage.topology.client.AvroJson;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code montage demo}: runs Montage on the embedded default, sends the bundled sample media plus
 * two broken files, and prints every output as it arrives — results flowing end to end in one command.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Starts Montage (embedded Kafka and registry unless configured otherwise), sends bundled "
                + "sample media, two broken files and a caption, prints the results and dead-letters, then stops.")
public final class DemoCommand implements Callable<Integer> {

    /** Sample media shipped in the jar; each is produced to the topic its content belongs to. */
    private static final List<String> SAMPLES = List.of("sample-text.jpg", "sample-speech.ogg", "sample-clip.mp4");

    /** How long every event has to show a first output, and the later ones to finish arriving. */
    private static final Duration OUTPUTS_WITHIN = Duration.ofSeconds(90);

    /** No new output for this long: the demo's events are done. */
    private static final Duration QUIET = Duration.ofSeconds(5);

    @Mixin
    SettingsOptions settingsOptions;

    @Option(names = "--keep-running", description = "Keep Montage running after the demo (Ctrl-C stops it).")
    boolean keepRunning;

    private final NativeCheck natives;

    public DemoCommand() {
        this(MontageNatives.check());
    }

    DemoCommand(NativeCheck natives) {
        this.natives = natives;
    }

    @Override
    public Integer call() throws Exception {
        natives.requireAll();
        MontageSettings settings = settingsOptions.load();
        Path samples = Files.createTempDirectory("montage-samples");
        try (MontageApplication app = MontageApplication.start(settings)) {
            app.awaitRunning(Duration.ofSeconds(60));
            StageReport.print(app.stages(), app.readyUrl(), System.out);
            Set<String> expected = new HashSet<>();
            try (MediaSender sender = new MediaSender(
                    app.topics(),
                    new FfmpegMediaProbe(settings.mediaLimits()),
                    new FileBlobStore(settings.blobDir()),
                    settings.inlineMaxBytes(),
                    app.bootstrapServers(),
                    settings.kafka())) {
                for (String sample : SAMPLES) {
                    MediaSender.Sent sent = sender.send(extract(sample, samples));
                    record(expected, sent, "sent " + sample + " to " + sent.topic());
                }
                Path empty = Files.write(samples.resolve("empty.jpg"), new byte[0]);
                record(expected, sender.send(empty, new byte[0], ContentKind.IMAGE), "sent an empty file");
                byte[] noise = new byte[4096];
                new java.util.Random(7).nextBytes(noise);
                Path random = Files.write(samples.resolve("noise.mp3"), noise);
                record(expected, sender.send(random, noise, ContentKind.AUDIO), "sent 4 KiB of random bytes");
                if (app.stages().stream().anyMatch(s -> s.stage().equals(StageId.TEXT_EMBED.id()) && s.on())) {
                    String eventId = "demo-text-" + java.util.UUID.randomUUID();
                    sender.produce(
                            app.topics().texts(),
                            eventId,
                            TextEvent.newBuilder()
                                    .setEventId(eventId)
                                    .setKind(TextKind.CAPTION)
                                    .setText("Montage turns uploads into understanding.")
                                    .build());
                    expected.add(eventId);
                    System.out.println(
                            ">> sent a caption to " + app.topics().texts().name() + " as event " + eventId);
                }
            }
            printOutputs(app, settings, expected);
            if (keepRunning) {
                System.out.println(
                        "Montage keeps running; Ctrl-C stops it. Try: ./montage send FILE, " + "./montage tail probes");
                Runtime.getRuntime().addShutdownHook(new Thread(app::close, "montage-shutdown"));
                app.awaitStop();
            }
        }
        return 0;
    }

    private static void record(Set<String> expected, MediaSender.Sent sent, String what) {
        expected.add(sent.eventId());
        System.out.println(">> " + what + " as event " + sent.eventId());
    }

    /**
     * Prints every output of the demo's events as it arrives — probe results first, then what the
     * model stages make of them (OCR text, captions, transcripts, embeddings) — until each event has
     * one and nothing new has come for {@link #QUIET}.
     */
    private static void printOutputs(MontageApplication app, MontageSettings settings, Set<String> expected) {
        Set<String> pending = new HashSet<>(expected);
        var t = app.topics();
        List<String> topics = List.of(
                t.probes().name(),
                t.ocr().name(),
                t.captions().name(),
                t.transcripts().name(),
                t.generatedMedia().name(),
                t.embeddings().name(),
                t.deadLetter().name());
        Consumer<ConsumerRecord<String, GenericRecord>> print = r -> {
            Object id = r.value().get("eventId");
            if (id != null && expected.contains(id.toString())) {
                pending.remove(id.toString());
                System.out.println("<< " + r.topic() + ": " + AvroJson.render(r.value()));
            }
        };
        try (TopicTail<GenericRecord> tail = new TopicTail<>(
                app.bootstrapServers(),
                settings.kafka(),
                topics,
                new GenericRecordDeserializer(app.registryClient()))) {
            if (!tail.pollUntil(pending::isEmpty, OUTPUTS_WITHIN, print)) {
                throw new IllegalStateException("No output within " + OUTPUTS_WITHIN.toSeconds() + " s for events "
                        + pending + "; see the log above for what failed");
            }
            // an event's first output is often its probe: what the model stages make of it comes after
            tail.pollUntilQuiet(QUIET, OUTPUTS_WITHIN, print);
        }
        System.out.println("All " + expected.size() + " events have their outputs (results or dead-letters).");
    }

    private static Path extract(String sample, Path dir) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/montage/topology/samples/" + sample)) {
            if (in == null) {
                throw new IOException("The sample " + sample + " is missing from the Montage jar; rebuild it");
            }
            Path target = dir.resolve(sample);
            Files.copy(in, target);
            return target;
        }
    }
}
