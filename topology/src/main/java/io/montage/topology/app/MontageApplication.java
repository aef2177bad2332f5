package io.montage.topology.app;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.FfmpegVideoFrames;
import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.blob.HttpBlobReader;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.blob.OutputMedia;
import io.montage.processors.moderation.KeyframePdq;
import io.montage.processors.moderation.MatchStage;
import io.montage.processors.moderation.MatchThresholds;
import io.montage.processors.moderation.ReferenceMatcher;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.stage.BatchingStageProcessor;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.processors.stage.StageId;
import io.montage.processors.text.TextEmbeddingStage;
import io.montage.processors.video.KeyframeModels;
import io.montage.processors.video.SceneStage;
import io.montage.processors.video.SceneTranscriptSettings;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.ImageEmbeddingStage;
import io.montage.processors.vision.OcrStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.http.OpsEndpoint;
import io.montage.topology.models.ModelServices;
import io.montage.topology.models.StageStatus;
import io.montage.topology.search.ClipQueries;
import io.montage.topology.search.SearchService;
import io.montage.topology.search.TextQueries;
import io.montage.topology.topics.Topics;
import io.montage.topology.web.WebView;
import io.montage.topology.wiring.MontageTopology;
import io.montage.topology.wiring.Stages;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Montage instance: the embedded broker and registry when no external ones are configured,
 * the topics, one Kafka Streams application per stage, and the metrics/health endpoint. Closing it
 * stops them in reverse order.
 */
public final class MontageApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MontageApplication.class);

    private final Infrastructure infrastructure;
    private final ModelServices models;
    private final PrometheusMeterRegistry meters;
    private final List<StageApplication> applications;
    private final List<StageStatus> statuses;
    private final OpsEndpoint ops;
    private final WebView webView;
    private final String opsHost;
    private final ConnectivityWatch connectivity;
    private final SearchService search;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private MontageApplication(
            Infrastructure infrastructure,
            ModelServices models,
            PrometheusMeterRegistry meters,
            List<StageApplication> applications,
            List<StageStatus> statuses,
            OpsEndpoint ops,
            WebView webView,
            String opsHost,
            ConnectivityWatch connectivity,
            SearchService search) {
        this.webView = webView;
        this.infrastructure = infrastructure;
        this.search = search;
        this.connectivity = connectivity;
        this.models = models;
        this.meters = meters;
        this.applications = applications;
        this.statuses = statuses;
        this.ops = ops;
        this.opsHost = opsHost;
    }

    public static MontageApplication start(MontageSettings settings) throws IOException {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        // Models first: a device that cannot be used fails here, before a broker is started for nothing.
        ModelServices models = ModelServices.start(settings.models(), meters);
        List<StageStatus> statuses = new ArrayList<>();
        statuses.add(
                settings.models().wants(StageId.PROBE.id())
                        ? StageStatus.on(StageId.PROBE.id(), "FFmpeg")
                        : StageStatus.off(StageId.PROBE.id(), "not in montage.stages", "not in montage.stages"));
        statuses.addAll(models.statuses());
        statuses.add(matchStatus(settings));
        statuses.add(
                settings.models().wants(StageId.SCENES.id())
                        ? StageStatus.on(
                                StageId.SCENES.id(), SceneStage.status(settings.scenes(), keyframeModels(models)))
                        : StageStatus.off(StageId.SCENES.id(), "not in montage.stages", "not in montage.stages"));
        statuses.add(sceneTranscriptsStatus(settings, models.speechRecognizer().isPresent()));
        try {
            Optional<TextQueries> textQueries = models.textEmbedder()
                    .map(loaded -> new TextQueries(loaded.model(), loaded.ref().getId()));
            Optional<ClipQueries> clipQueries = models.imageEmbedder()
                    .map(loaded -> new ClipQueries(
                            loaded.model(),
                            loaded.ref().getId(),
                            new FfmpegImageDecoder(settings.mediaLimits()),
                            settings.mediaLimits().maxBytes()));
            return start(settings, stages(settings, models), statuses, models, meters, textQueries, clipQueries);
        } catch (RuntimeException | IOException e) {
            models.close();
            throw e;
        }
    }

    /**
     * Montage with stages of the caller's making (models of its own, a benchmark's stand-ins): the
     * same infrastructure, topics, one application per stage and endpoints; the caller closes its
     * stages' models after this application.
     */
    public static MontageApplication start(MontageSettings settings, Stages stages) throws IOException {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        List<StageStatus> statuses = new ArrayList<>();
        stages.probe().ifPresent(p -> statuses.add(StageStatus.on(StageId.PROBE.id(), "FFmpeg")));
        stages.textEmbedding().ifPresent(p -> statuses.add(StageStatus.on(StageId.TEXT_EMBED.id(), "given")));
        stages.ocr().ifPresent(p -> statuses.add(StageStatus.on(StageId.OCR.id(), "given")));
        stages.imageEmbedding().ifPresent(p -> statuses.add(StageStatus.on(StageId.IMAGE_EMBED.id(), "given")));
        stages.caption().ifPresent(p -> statuses.add(StageStatus.on(StageId.CAPTION.id(), "given")));
        stages.transcription().ifPresent(p -> statuses.add(StageStatus.on(StageId.TRANSCRIBE.id(), "given")));
        stages.match().ifPresent(p -> statuses.add(StageStatus.on(StageId.MATCH.id(), "given")));
        stages.scenes().ifPresent(p -> statuses.add(StageStatus.on(StageId.SCENES.id(), "given")));
        stages.sceneTranscripts().ifPresent(p -> statuses.add(StageStatus.on(StageId.SCENE_TRANSCRIPTS.id(), "given")));
        // The caller's embedders are inside its stages; text and image search answer that they have none.
        return start(settings, stages, statuses, null, meters, Optional.empty(), Optional.empty());
    }

    /** On where asked for; says so where no transcripts will come from this instance, so a user is not surprised. */
    private static StageStatus sceneTranscriptsStatus(MontageSettings settings, boolean transcribing) {
        return settings.models().wants(StageId.SCENE_TRANSCRIPTS.id())
                ? StageStatus.on(
                        StageId.SCENE_TRANSCRIPTS.id(),
                        "clips' scenes with their transcript segments, waiting up to "
                                + settings.sceneTranscripts().maxWait()
                                + (transcribing
                                        ? ""
                                        : "; the transcribe stage is off here, so unless another instance runs"
                                                + " it, scenes of clips with sound are written without segments"
                                                + " after the wait"))
                : StageStatus.off(StageId.SCENE_TRANSCRIPTS.id(), "not in montage.stages", "not in montage.stages");
    }

    private static StageStatus matchStatus(MontageSettings settings) {
        MatchThresholds t = settings.matchThresholds();
        return settings.models().wants(StageId.MATCH.id())
                ? StageStatus.on(
                        StageId.MATCH.id(),
                        "PDQ <= " + t.pdqMaxDistance() + " bits at quality >= " + t.pdqMinQuality()
                                + ", cosine distance <= " + t.maxCosineDistance())
                : StageStatus.off(StageId.MATCH.id(), "not in montage.stages", "not in montage.stages");
    }

    private static MontageApplication start(
            MontageSettings settings,
            Stages stages,
            List<StageStatus> statuses,
            ModelServices models,
            PrometheusMeterRegistry meters,
            Optional<TextQueries> textQueries,
            Optional<ClipQueries> clipQueries)
            throws IOException {
        Infrastructure infrastructure = Infrastructure.start(settings);
        List<StageApplication> applications = new ArrayList<>();
        ConnectivityWatch connectivity = null;
        WebView webView = null;
        OpsEndpoint ops = null;
        SearchService search = null;
        try {
            Topics topics = infrastructure.topics();
            ensureTopics(settings, infrastructure.bootstrapServers(), topics);
            MontageTopology.Options options = new MontageTopology.Options(
                    stage -> StreamsProperties.of(settings, infrastructure.bootstrapServers(), stage),
                    stage -> new BatchingStageProcessor.Batching(
                            settings.stage(stage).batchMaxSize(),
                            settings.stage(stage).batchMaxDelay()),
                    settings.visionOnLiveFrames());
            List<MontageTopology.StageTopology> topologies = MontageTopology.build(
                    topics, stages, new DeadLetterFactory(settings.deadLetterMaxOriginalBytes()), meters, options);
            try (Admin admin = Admin.create(adminConfig(settings, infrastructure.bootstrapServers()))) {
                for (MontageTopology.StageTopology stage : topologies) {
                    log.debug(
                            "Topology of stage {}:\n{}",
                            stage.stage(),
                            stage.topology().describe());
                    Properties properties = options.streamsConfig().apply(stage.stage());
                    LegacyOffsets.carryOver(
                            admin, settings.applicationId(), settings.applicationId(stage.stage()), stage.topology());
                    applications.add(new StageApplication(
                            stage.stage(),
                            stage.topology(),
                            properties,
                            meters,
                            adminConfig(settings, infrastructure.bootstrapServers()),
                            settings.instanceId()));
                }
            }
            applications.forEach(StageApplication::start);
            connectivity = new ConnectivityWatch(
                    adminConfig(settings, infrastructure.bootstrapServers()),
                    infrastructure.bootstrapServers(),
                    infrastructure.registryClient(),
                    infrastructure.registryUrl(),
                    meters);
            ops = settings.httpPort() < 0
                    ? null
                    : OpsEndpoint.start(
                            settings.httpHost(),
                            settings.httpPort(),
                            meters::scrape,
                            health(applications, statuses, connectivity));
            if (ops != null && settings.webView().enabled()) {
                webView = startWebView(settings, infrastructure, topics, meters, statuses, applications, ops);
            }
            if (settings.search().enabled()) {
                search = SearchService.start(
                        settings,
                        infrastructure.bootstrapServers(),
                        topics.embeddings(),
                        textQueries,
                        clipQueries,
                        ops);
            }
            log.info(
                    "Montage is running: {} ({} applications), kafka={}, registry={}, {}",
                    applications.stream()
                            .map(a -> a.applicationId() + " x"
                                    + settings.stage(a.stage()).threads())
                            .collect(Collectors.joining(", ")),
                    applications.size(),
                    infrastructure.bootstrapServers(),
                    infrastructure.registryUrl(),
                    settings.processingGuarantee());
            return new MontageApplication(
                    infrastructure,
                    models,
                    meters,
                    List.copyOf(applications),
                    List.copyOf(statuses),
                    ops,
                    webView,
                    settings.httpHost(),
                    connectivity,
                    search);
        } catch (RuntimeException | IOException e) {
            if (search != null) {
                search.close();
            }
            if (webView != null) {
                webView.close();
            }
            if (ops != null) {
                ops.close();
            }
            if (connectivity != null) {
                connectivity.close();
            }
            applications.forEach(StageApplication::close);
            infrastructure.close();
            throw e;
        }
    }

    /** The stages this instance runs: the probe where wanted, each model stage whose model was loaded. */
    static Stages stages(MontageSettings settings, ModelServices models) {
        MediaResolver resolver = mediaResolver(settings);
        ProbedImage images = new ProbedImage(resolver, new FfmpegImageDecoder(settings.mediaLimits()));
        Optional<ProbeStage> probe = settings.models().wants(StageId.PROBE.id())
                ? Optional.of(new ProbeStage(resolver, new FfmpegMediaProbe(settings.mediaLimits())))
                : Optional.empty();
        Optional<TextEmbeddingStage> textEmbedding =
                models.textEmbedder().map(loaded -> new TextEmbeddingStage(loaded.model(), loaded.ref()));
        Optional<OcrStage> ocr = models.textReader().map(loaded -> new OcrStage(images, loaded.model(), loaded.ref()));
        Optional<ImageEmbeddingStage> imageEmbedding = models.imageEmbedder()
                .map(loaded -> new ImageEmbeddingStage(images, loaded.model(), models.imageLabels(), loaded.ref()));
        Optional<CaptionStage> caption =
                models.captioner().map(loaded -> new CaptionStage(images, loaded.model(), loaded.ref()));
        Optional<TranscriptionStage> transcription = models.speechRecognizer()
                .map(loaded -> new TranscriptionStage(
                        resolver, new FfmpegAudioDecoder(settings.mediaLimits()), loaded.model(), loaded.ref()));
        Optional<MatchStage.Shared> match = settings.models().wants(StageId.MATCH.id())
                ? Optional.of(new MatchStage.Shared(
                        new ReferenceMatcher(settings.matchThresholds()),
                        new KeyframePdq(resolver, new FfmpegImageDecoder(settings.mediaLimits()))))
                : Optional.empty();
        Optional<SceneStage> scenes = settings.models().wants(StageId.SCENES.id())
                ? Optional.of(new SceneStage(
                        resolver,
                        images,
                        new FfmpegVideoFrames(settings.mediaLimits()),
                        settings.scenes(),
                        keyframeModels(models),
                        new OutputMedia(new FileBlobStore(settings.blobDir()), settings.outputInlineMaxBytes())))
                : Optional.empty();
        Optional<SceneTranscriptSettings> sceneTranscripts = settings.models().wants(StageId.SCENE_TRANSCRIPTS.id())
                ? Optional.of(settings.sceneTranscripts())
                : Optional.empty();
        return new Stages(
                probe, textEmbedding, ocr, imageEmbedding, caption, transcription, match, scenes, sceneTranscripts);
    }

    /**
     * The loaded models the scenes stage borrows: OCR, caption and CLIP with its labels for each keyframe,
     * and CLIP for every sampled frame where scenes are cut on CLIP embeddings.
     */
    static KeyframeModels keyframeModels(ModelServices models) {
        KeyframeModels keyframes = KeyframeModels.none();
        if (models.textReader().isPresent()) {
            var loaded = models.textReader().get();
            keyframes = keyframes.withReader(new KeyframeModels.KeyframeReader(loaded.model(), loaded.ref()));
        }
        if (models.captioner().isPresent()) {
            var loaded = models.captioner().get();
            keyframes = keyframes.withCaptioner(new KeyframeModels.KeyframeCaptioner(loaded.model(), loaded.ref()));
        }
        if (models.imageEmbedder().isPresent()) {
            var loaded = models.imageEmbedder().get();
            keyframes = keyframes.withFrameEmbedder(new KeyframeModels.FrameEmbedder(loaded.model(), loaded.ref()));
        }
        if (models.imageEmbedder().isPresent() && models.imageLabels() != null) {
            var loaded = models.imageEmbedder().get();
            keyframes = keyframes.withLabeller(
                    new KeyframeModels.KeyframeLabeller(loaded.model(), models.imageLabels(), loaded.ref()));
        }
        return keyframes;
    }

    /**
     * Starts the web view and serves it on {@code ops}; where it cannot start, closes {@code ops} too,
     * so that a failed start leaves no port held.
     */
    private static WebView startWebView(
            MontageSettings settings,
            Infrastructure infrastructure,
            Topics topics,
            PrometheusMeterRegistry meters,
            List<StageStatus> statuses,
            List<StageApplication> applications,
            OpsEndpoint ops)
            throws IOException {
        WebView webView = null;
        try {
            webView = WebView.start(
                    new WebView.Sources(
                            infrastructure.bootstrapServers(),
                            settings.kafka(),
                            topics,
                            mediaResolver(settings),
                            meters,
                            List.copyOf(statuses),
                            () -> applicationStates(applications)),
                    settings.webView().recentUploads());
            ops.route(webView.path(), webView.handler());
            if (!InetAddress.getByName(settings.httpHost()).isLoopbackAddress()) {
                log.warn(
                        "The web view shows recent uploads to anyone who can reach {}:{}; bind {} to 127.0.0.1 "
                                + "or set {}=false unless that is meant",
                        settings.httpHost(),
                        ops.port(),
                        MontageConfig.HTTP_HOST,
                        MontageConfig.WEB_ENABLED);
            }
            return webView;
        } catch (RuntimeException | IOException e) {
            if (webView != null) {
                webView.close();
            }
            ops.close();
            throw e;
        }
    }

    /** Reads an event's media, inline or from the blob store or an allowed host, within the limits. */
    private static MediaResolver mediaResolver(MontageSettings settings) {
        FileBlobStore blobs = new FileBlobStore(settings.blobDir());
        HttpBlobReader http = new HttpBlobReader(settings.httpAllowedHosts(), MontageSettings.HTTP_BLOB_TIMEOUT);
        return new MediaResolver(List.of(blobs, http), settings.mediaLimits().maxBytes());
    }

    private static Map<String, Object> adminConfig(MontageSettings settings, String bootstrapServers) {
        Map<String, Object> config = new java.util.HashMap<>(settings.kafka());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    static void ensureTopics(MontageSettings settings, String bootstrapServers, Topics topics) {
        try (Admin admin = Admin.create(adminConfig(settings, bootstrapServers))) {
            List<String> created = new ArrayList<>();
            for (TopicAdministrator.TopicStatus status : new TopicAdministrator(
                            admin, settings.partitions(), settings.replicationFactor())
                    .ensure(topics.all())) {
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
                log.info(
                        "Created {} topics ({} partitions each): {}",
                        created.size(),
                        settings.partitions(),
                        String.join(", ", created));
            }
        }
    }

    private static OpsEndpoint.HealthSource health(
            List<StageApplication> applications, List<StageStatus> stages, ConnectivityWatch connectivity) {
        return new OpsEndpoint.HealthSource() {
            @Override
            public boolean alive() {
                return applications.stream().allMatch(StageApplication::alive);
            }

            @Override
            public boolean ready() {
                return !applications.isEmpty()
                        && connectivity.problem().isEmpty()
                        && applications.stream()
                                .allMatch(a -> a.state() == KafkaStreams.State.RUNNING && a.failing() == null);
            }

            @Override
            public String describe() {
                StringBuilder text = new StringBuilder();
                connectivity.problem().ifPresent(problem -> text.append("waiting: ")
                        .append(problem)
                        .append('\n'));
                applications.forEach(a -> {
                    String failing = a.failing();
                    text.append("application ")
                            .append(a.applicationId())
                            .append(": ")
                            .append(a.state())
                            .append(failing == null ? "" : ", failing: " + failing)
                            .append('\n');
                });
                stages.forEach(
                        stage -> text.append("stage ").append(stage.describe()).append('\n'));
                return text.toString();
            }
        };
    }

    /** The readiness endpoint's address, where the HTTP endpoint is on. */
    public Optional<String> readyUrl() {
        return Optional.ofNullable(ops).map(o -> "http://" + opsHost + ":" + o.port() + "/ready");
    }

    /** The web view's address, where the HTTP endpoint and the web view are on. */
    public Optional<String> webViewUrl() {
        return Optional.ofNullable(webView).map(w -> "http://" + opsHost + ":" + ops.port() + w.path() + "/");
    }

    /** Each stage's application state, and why it fails where it does, for the web view. */
    private static Map<String, String> applicationStates(List<StageApplication> applications) {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        applications.forEach(a -> {
            String failing = a.failing();
            states.put(a.stage(), a.state() + (failing == null ? "" : ", failing: " + failing));
        });
        return states;
    }

    /** Which stages run in this instance, and why the others do not. */
    public List<StageStatus> stages() {
        return statuses;
    }

    /** The state of each stage's application, by stage name. */
    public Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new java.util.LinkedHashMap<>();
        applications.forEach(a -> states.put(a.stage(), a.state()));
        return states;
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

    /**
     * Waits until every stage's application has been RUNNING; fails at once when one of them goes to
     * a state it cannot run from, or after the timeout naming the stages not yet running.
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        StartupWatch.awaitAll(
                applications.stream().map(StageApplication::startup).toList(), timeout, this::states);
    }

    @Override
    public void close() {
        List<Runnable> steps = new ArrayList<>();
        if (webView != null) {
            steps.add(webView::close);
        }
        if (ops != null) {
            steps.add(ops::close);
        }
        if (search != null) {
            steps.add(search::close);
        }
        steps.add(connectivity::close);
        // Stages close in reverse order of their flow (model stages before the probe), each draining
        // its in-flight batch into its last commit.
        for (int i = applications.size() - 1; i >= 0; i--) {
            steps.add(applications.get(i)::close);
        }
        steps.add(meters::close);
        steps.add(infrastructure::close);
        if (models != null) {
            steps.add(models::close);
        }
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
