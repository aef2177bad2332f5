package io.montage.topology.app;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.blob.HttpBlobReader;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.processors.text.TextEmbeddingStage;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.ImageEmbeddingStage;
import io.montage.processors.vision.OcrStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.http.OpsEndpoint;
import io.montage.topology.models.ModelServices;
import io.montage.topology.models.StageStatus;
import io.montage.topology.topics.Topics;
import io.montage.topology.wiring.MontageTopology;
import io.montage.topology.wiring.Stages;

/**
 * A running Montage instance: the embedded broker and registry when no external ones are configured,
 * the topics, the Kafka Streams topology, and the metrics/health endpoint. Closing it stops them in
 * reverse order.
 */
public final class MontageApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MontageApplication.class);

    private final Infrastructure infrastructure;
    private final ModelServices models;
    private final PrometheusMeterRegistry meters;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final OpsEndpoint ops;
    private final String opsHost;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private MontageApplication(Infrastructure infrastructure, ModelServices models, PrometheusMeterRegistry meters,
            KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, OpsEndpoint ops, String opsHost) {
        this.infrastructure = infrastructure;
        this.models = models;
        this.meters = meters;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.ops = ops;
        this.opsHost = opsHost;
    }

    public static MontageApplication start(MontageSettings settings) throws IOException {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        // Models first: a device that cannot be used fails here, before a broker is started for nothing.
        ModelServices models = ModelServices.start(settings.models(), meters);
        Infrastructure infrastructure;
        try {
            infrastructure = Infrastructure.start(settings);
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        try {
            Topics topics = infrastructure.topics();
            ensureTopics(settings, infrastructure.bootstrapServers(), topics);
            Topology topology = topology(settings, topics, models, meters);
            log.debug("Topology:\n{}", topology.describe());
            KafkaStreams streams = new KafkaStreams(topology,
                    StreamsProperties.of(settings, infrastructure.bootstrapServers()));
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(meters);
            streams.setUncaughtExceptionHandler(e -> {
                log.error("A Kafka Streams thread died; replacing it", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                        .REPLACE_THREAD;
            });
            streams.start();
            OpsEndpoint ops = settings.httpPort() < 0 ? null
                    : OpsEndpoint.start(settings.httpHost(), settings.httpPort(), meters::scrape,
                            health(streams, models.statuses()));
            log.info("Montage is running: application.id={}, kafka={}, registry={}, {} stream threads, {}",
                    settings.applicationId(), infrastructure.bootstrapServers(), infrastructure.registryUrl(),
                    settings.streamThreads(), settings.processingGuarantee());
            return new MontageApplication(infrastructure, models, meters, streams, streamsMetrics, ops,
                    settings.httpHost());
        } catch (RuntimeException | IOException e) {
            infrastructure.close();
            models.close();
            throw e;
        }
    }

    static Topology topology(MontageSettings settings, Topics topics, ModelServices models,
            io.micrometer.core.instrument.MeterRegistry meters) {
        FileBlobStore blobs = new FileBlobStore(settings.blobDir());
        HttpBlobReader http = new HttpBlobReader(settings.httpAllowedHosts(), MontageSettings.HTTP_BLOB_TIMEOUT);
        MediaResolver resolver = new MediaResolver(List.of(blobs, http), settings.mediaLimits().maxBytes());
        ProbeStage probe = new ProbeStage(resolver, new FfmpegMediaProbe(settings.mediaLimits()));
        Optional<TextEmbeddingStage> textEmbedding = models.textEmbedder()
                .map(loaded -> new TextEmbeddingStage(loaded.model(), loaded.ref()));
        ProbedImage images = new ProbedImage(resolver, new FfmpegImageDecoder(settings.mediaLimits()));
        Optional<OcrStage> ocr = models.textReader().map(loaded -> new OcrStage(images, loaded.model(), loaded.ref()));
        Optional<ImageEmbeddingStage> imageEmbedding = models.imageEmbedder().map(
                loaded -> new ImageEmbeddingStage(images, loaded.model(), models.imageLabels(), loaded.ref()));
        Optional<CaptionStage> caption = models.captioner().map(
                loaded -> new CaptionStage(images, loaded.model(), loaded.ref()));
        Optional<TranscriptionStage> transcription = models.speechRecognizer().map(loaded -> new TranscriptionStage(
                resolver, new FfmpegAudioDecoder(settings.mediaLimits()), loaded.model(), loaded.ref()));
        return MontageTopology.build(topics,
                new Stages(probe, textEmbedding, ocr, imageEmbedding, caption, transcription),
                new DeadLetterFactory(settings.deadLetterMaxOriginalBytes()), meters);
    }

    static void ensureTopics(MontageSettings settings, String bootstrapServers, Topics topics) {
        Map<String, Object> config = new java.util.HashMap<>(settings.kafka());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<String> created = new ArrayList<>();
            for (TopicAdministrator.TopicStatus status : new TopicAdministrator(admin, settings.partitions(),
                    settings.replicationFactor()).ensure(topics.all())) {
                switch (status.state()) {
                    case "created" -> {
                        created.add(status.name());
                        log.debug("Created topic {} ({})", status.name(), status.detail());
                    }
                    case "differs" -> log.warn("Topic {}: {}", status.name(), status.detail());
                    default -> log.debug("Topic {}: {}", status.name(), status.detail());
                }
            }
            if (!created.isEmpty()) {
                log.info("Created {} topics ({} partitions each): {}", created.size(), settings.partitions(),
                        String.join(", ", created));
            }
        }
    }

    private static OpsEndpoint.HealthSource health(KafkaStreams streams, List<StageStatus> stages) {
        return new OpsEndpoint.HealthSource() {
            @Override
            public boolean alive() {
                KafkaStreams.State state = streams.state();
                return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
            }

            @Override
            public boolean ready() {
                return streams.state() == KafkaStreams.State.RUNNING;
            }

            @Override
            public String describe() {
                StringBuilder text = new StringBuilder("kafka-streams: ").append(streams.state()).append('\n');
                text.append("stage probe=on\n");
                stages.forEach(stage -> text.append("stage ").append(stage.describe()).append('\n'));
                return text.toString();
            }
        };
    }

    /** The readiness endpoint's address, where the HTTP endpoint is on. */
    public Optional<String> readyUrl() {
        return Optional.ofNullable(ops).map(o -> "http://" + opsHost + ":" + o.port() + "/ready");
    }

    /** Which model stages run in this instance, and why the others do not. */
    public List<StageStatus> stages() {
        return models.statuses();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    public String registryUrl() {
        return infrastructure.registryUrl();
    }

    public io.montage.schemas.registry.SchemaRegistryClient registryClient() {
        return infrastructure.registryClient();
    }

    public Topics topics() {
        return infrastructure.topics();
    }

    /** Blocks until {@link #close()} ran (from a shutdown hook, say). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Waits until Kafka Streams is RUNNING, or fails after the timeout. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + timeout
                        + "; state is " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Override
    public void close() {
        List<Runnable> steps = new ArrayList<>();
        if (ops != null) {
            steps.add(ops::close);
        }
        steps.add(() -> streams.close(Duration.ofSeconds(30)));
        steps.add(streamsMetrics::close);
        steps.add(meters::close);
        steps.add(infrastructure::close);
        steps.add(models::close);
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("Error while stopping Montage", e);
            }
        }
        stopped.countDown();
        log.info("Montage stopped");
    }
}
