package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.models.media.FfmpegMediaProbe;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.app.MontageApplication;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.config.SettingsLoader;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topic;
import io.montage.topology.wiring.Stages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Montage exactly as {@code montage run} starts it on the embedded default — in-process KRaft
 * broker, embedded registry, CPU — but on free ports and in a temporary data directory, so tests
 * can run beside a developer's own Montage.
 */
public final class RunningMontage implements AutoCloseable {

    /**
     * One model cache for every test in this module (under target/, so a clean build starts
     * empty): npm-hosted models are then fetched once per build, not once per test class.
     */
    public static final Path SHARED_MODEL_CACHE =
            Path.of("target", "model-cache").toAbsolutePath();

    public final MontageSettings settings;
    public final MontageApplication app;

    private RunningMontage(MontageSettings settings, MontageApplication app) {
        this.settings = settings;
        this.app = app;
    }

    public static RunningMontage start(Path dataDir, Map<String, String> extra) {
        return start(dataDir, extra, MontageApplication::start);
    }

    /** Montage running {@code stages} of the caller's making (a benchmark's stand-in models, say). */
    public static RunningMontage start(Path dataDir, Map<String, String> extra, Stages stages) {
        return start(dataDir, extra, settings -> MontageApplication.start(settings, stages));
    }

    private interface Starter {
        MontageApplication start(MontageSettings settings) throws IOException;
    }

    private static RunningMontage start(Path dataDir, Map<String, String> extra, Starter starter) {
        Map<String, String> overrides = new HashMap<>(embeddedOnFreePorts(dataDir));
        overrides.put(MontageConfig.STREAM_THREADS, "2");
        overrides.putAll(extra);
        MontageSettings settings = SettingsLoader.load(null, Map.of(), overrides);
        try {
            MontageApplication app = starter.start(settings);
            app.awaitRunning(Duration.ofSeconds(60));
            return new RunningMontage(settings, app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> embeddedOnFreePorts(Path dataDir) {
        return Map.of(
                MontageConfig.DATA_DIR, dataDir.toString(),
                MontageConfig.EMBEDDED_KAFKA_PORT, Integer.toString(EmbeddedKafkaBroker.freePort()),
                MontageConfig.EMBEDDED_CONTROLLER_PORT, Integer.toString(EmbeddedKafkaBroker.freePort()),
                MontageConfig.EMBEDDED_REGISTRY_PORT, "0",
                MontageConfig.MODELS_CACHE_DIR, SHARED_MODEL_CACHE.toString(),
                MontageConfig.HTTP_PORT, "-1");
    }

    /**
     * Starts the probe and {@code stages}. Skips the calling test class, saying why, when one of the stages it needs is off (its model
     * could not be had: no npm, no network); the same code paths run on tiny models elsewhere.
     */
    public static RunningMontage startWithStages(Path dataDir, Map<String, String> settings, String... stages) {
        Map<String, String> all = new HashMap<>(settings);
        // The probe feeds every stage on probes; the tests always want it.
        all.put(MontageConfig.STAGES, "probe," + String.join(",", stages));
        RunningMontage montage = start(dataDir, all);
        List<String> wanted = List.of(stages);
        String off = montage.app.stages().stream()
                .filter(s -> wanted.contains(s.stage()) && !s.on())
                .map(s -> s.describe())
                .collect(java.util.stream.Collectors.joining("; "));
        if (!off.isEmpty()) {
            montage.close();
            System.out.println("SKIPPED: a stage this test needs cannot run here: " + off);
            org.junit.jupiter.api.Assumptions.abort("a stage this test needs cannot run here: " + off);
        }
        return montage;
    }

    public MediaSender sender() {
        return new MediaSender(
                app.topics(),
                new FfmpegMediaProbe(settings.mediaLimits()),
                new FileBlobStore(settings.blobDir()),
                settings.inlineMaxBytes(),
                app.bootstrapServers(),
                settings.kafka());
    }

    /** A read_committed reader of the probe results and the dead-letters. */
    public TopicTail<GenericRecord> outputs() {
        return new TopicTail<>(
                app.bootstrapServers(),
                Map.of(),
                List.of(app.topics().probes().name(), app.topics().deadLetter().name()),
                new GenericRecordDeserializer(app.registryClient()));
    }

    /** A read_committed reader of {@code topics}, each value decoded into its topic's Avro class. */
    public TopicTail<SpecificRecord> tail(Topic<?>... topics) {
        Map<String, Deserializer<?>> values = new LinkedHashMap<>();
        for (Topic<?> topic : topics) {
            values.put(topic.name(), topic.valueSerde().deserializer());
        }
        return new TopicTail<>(app.bootstrapServers(), Map.of(), List.copyOf(values.keySet()), (topic, bytes) ->
                (SpecificRecord) values.get(topic).deserialize(topic, bytes));
    }

    /**
     * The committed records of {@code topic} under {@code key}, in the order they were written, once
     * there are exactly {@code count} of them (more, a duplicate say, fail the wait), waiting up to
     * {@code within}.
     */
    public <V> List<V> awaitRecords(Topic<V> topic, String key, int count, Duration within) {
        List<V> found = new ArrayList<>();
        try (TopicTail<SpecificRecord> tail = tail(topic)) {
            await(count + " records of " + key + " on " + topic.name())
                    .atMost(within)
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        tail.poll(Duration.ofMillis(200), r -> {
                            if (key.equals(r.key())) {
                                found.add(topic.valueType().cast(r.value()));
                            }
                        });
                        assertThat(found).hasSize(count);
                    });
        }
        return found;
    }

    /** The event id every Montage output carries (null on a dead-letter whose input had none). */
    public static String eventId(SpecificRecord output) {
        Object id = output.get(output.getSchema().getField("eventId").pos());
        return id == null ? null : id.toString();
    }

    @Override
    public void close() {
        app.close();
    }
}
