package io.montage.topology.config;

import io.montage.models.media.MediaLimits;
import io.montage.models.speech.TemperatureFallback;
import io.montage.models.speech.WhisperEncoderPrecision;
import io.montage.processors.moderation.MatchThresholds;
import io.montage.processors.video.SceneSettings;
import io.montage.processors.video.SceneTranscriptSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Montage is configured with, read once at start by {@link SettingsLoader}.
 *
 * @param bootstrapServers     Kafka to connect to; empty starts the embedded broker (docs/architecture.md, decision 4)
 * @param schemaRegistryUrl    registry to use; empty starts the embedded registry
 * @param applicationId        base of the Kafka Streams application.ids: stage S runs as {@code <applicationId>-S},
 *                             and every instance with the same one shares that stage's work
 * @param topicPrefix          prefix of every Montage topic name
 * @param dataDir              embedded broker data, blobs and Kafka Streams state live under it
 * @param instanceId           this instance's stable member name in each stage's consumer group (static
 *                             membership): a restarted instance takes its partitions back at once instead
 *                             of waiting out the dead member's session; default: host name and data directory
 * @param partitions           partitions of topics Montage creates
 * @param replicationFactor    replication of topics Montage creates; -1 takes the broker's default
 * @param streamThreads        Kafka Streams threads of the probe stage in this instance (the default of
 *                             {@code montage.stage.probe.threads})
 * @param processingGuarantee  exactly_once_v2 (default) or at_least_once
 * @param mediaLimits          upper bounds for uploads
 * @param inlineMaxBytes       {@code montage send} puts larger media in the blob store and sends a reference
 * @param outputInlineMaxBytes generated media larger than this go to the blob store, the record carrying a reference
 * @param blobDir              root of the file:// blob store
 * @param httpAllowedHosts     hosts whose http(s) media references Montage may fetch
 * @param deadLetterMaxOriginalBytes largest input value copied into a dead-letter record
 * @param httpHost             interface of the metrics and health endpoint
 * @param httpPort             port of the metrics and health endpoint; 0 picks a free one, -1 turns it off
 * @param webView              the live web view served on that endpoint
 * @param embedded             where the embedded broker and registry listen, when they are started, and
 *                             how the registry guards itself
 * @param models               model cache, device and batching
 * @param stageSettings        each stage's threads and batching, by stage name
 * @param kafka                pass-through Kafka client and Streams properties (security, tuning)
 * @param matchThresholds      how close an upload must come to a reference-list entry to match it
 * @param scenes               how the scenes stage samples clips and splits streams into scenes
 * @param sceneTranscripts     how long the scene-transcripts stage waits for a clip's other half
 * @param visionOnLiveFrames   the ocr, caption and image-embed stages read every frame of a live stream too
 * @param search               the embedding index and its search endpoints (docs/search.md)
 */
public record MontageSettings(
        Optional<String> bootstrapServers,
        Optional<String> schemaRegistryUrl,
        String applicationId,
        String topicPrefix,
        Path dataDir,
        String instanceId,
        int partitions,
        short replicationFactor,
        int streamThreads,
        String processingGuarantee,
        MediaLimits mediaLimits,
        int inlineMaxBytes,
        int outputInlineMaxBytes,
        Path blobDir,
        Set<String> httpAllowedHosts,
        int deadLetterMaxOriginalBytes,
        String httpHost,
        int httpPort,
        WebViewSettings webView,
        EmbeddedServices embedded,
        ModelSettings models,
        Map<String, StageSettings> stageSettings,
        Map<String, String> kafka,
        MatchThresholds matchThresholds,
        SceneSettings scenes,
        SceneTranscriptSettings sceneTranscripts,
        boolean visionOnLiveFrames,
        SearchSettings search) {

    /**
     * @param enabled    index the embeddings topic in memory and serve the search endpoints
     * @param candidates nodes an HNSW search keeps before it returns the best k (docs/search.md)
     */
    public record SearchSettings(boolean enabled, int candidates) {}

    /**
     * @param cacheDir           where pulled model files live
     * @param offline            use only the cache, never a source
     * @param device             cpu, cuda, cuda:N or auto
     * @param requireAll         a stage whose model cannot be had is an error, not a stage left off
     * @param textEmbeddingModel catalog id of the text embedder
     * @param maxBatchSize       most requests in one model call
     * @param maxQueueDelay      how long a request waits for companions before its batch runs
     * @param intraOpThreads     threads of ONNX Runtime's one pool, shared by every model; 0 = one per core
     * @param spinning           whether idle ONNX Runtime threads spin-wait (off: the CPU stays free for others)
     * @param cpuArena           whether ONNX Runtime keeps CPU tensor memory in its arena for reuse (never returned)
     * @param stages             which stages to run (probe and model stages)
     * @param imageLabels        zero-shot label prompts scored against every image embedding
     * @param captionModel       catalog id of the captioner: florence-2-base-ft or vit-gpt2-image-captioning
     * @param captionTask        Florence-2 task tag: {@code <CAPTION>}, {@code <DETAILED_CAPTION>} or
     *                           {@code <MORE_DETAILED_CAPTION>}
     * @param imageEmbeddingModel catalog id of the CLIP model
     * @param extraCatalog       a catalog file whose entries are added to (or replace) the built-in ones
     * @param speechModel        catalog id of the Whisper export (whisper-base, whisper-tiny.en, …)
     * @param speechFallback     Whisper's temperature fallback (openai/whisper transcribe.py defaults)
     * @param speechEncoder      which Whisper encoder file runs (auto: fp32 on the CPU, fp16 on CUDA)
     * @param captionMaxNewTokens most tokens a caption may have; 0 for the captioner's own (Florence-2 1,024,
     *                           vit-gpt2 19)
     */
    public record ModelSettings(
            Path cacheDir,
            boolean offline,
            String device,
            boolean requireAll,
            String textEmbeddingModel,
            int maxBatchSize,
            Duration maxQueueDelay,
            int intraOpThreads,
            boolean spinning,
            boolean cpuArena,
            Set<String> stages,
            List<String> imageLabels,
            String captionModel,
            String captionTask,
            String imageEmbeddingModel,
            Optional<Path> extraCatalog,
            String speechModel,
            TemperatureFallback speechFallback,
            WhisperEncoderPrecision speechEncoder,
            int captionMaxNewTokens) {

        public boolean wants(String stage) {
            return stages.contains(stage);
        }
    }

    /**
     * Where the embedded default listens (real-Kafka default ports, so external tools find it where
     * they expect) and how its registry guards itself.
     *
     * @param registryUsersFile       users allowed to call the registry (basic authentication); required
     *                                when {@code host} is not a loopback address
     * @param registryReadOnly        the registry refuses every change
     * @param registryMaxRequestBytes larger registry requests are refused with 413
     */
    public record EmbeddedServices(
            String host,
            int kafkaPort,
            int controllerPort,
            int registryPort,
            Optional<Path> registryUsersFile,
            boolean registryReadOnly,
            int registryMaxRequestBytes) {}

    /**
     * The live web view at {@code /web/} of the HTTP endpoint.
     *
     * @param enabled       whether the page and its event stream are served
     * @param recentUploads uploads (and, separately, dead-letters) the page keeps in memory and shows
     */
    public record WebViewSettings(boolean enabled, int recentUploads) {
        public WebViewSettings {
            if (recentUploads < 1) {
                throw new IllegalArgumentException(
                        MontageConfig.WEB_RECENT_UPLOADS + " must be 1 or more, was " + recentUploads);
            }
        }
    }

    public static final Duration HTTP_BLOB_TIMEOUT = Duration.ofSeconds(30);

    public boolean embeddedBroker() {
        return bootstrapServers.isEmpty();
    }

    public boolean embeddedRegistry() {
        return schemaRegistryUrl.isEmpty();
    }

    public MontageSettings withConnection(String bootstrap, String registryUrl) {
        return new MontageSettings(
                Optional.of(bootstrap),
                Optional.of(registryUrl),
                applicationId,
                topicPrefix,
                dataDir,
                instanceId,
                partitions,
                replicationFactor,
                streamThreads,
                processingGuarantee,
                mediaLimits,
                inlineMaxBytes,
                outputInlineMaxBytes,
                blobDir,
                httpAllowedHosts,
                deadLetterMaxOriginalBytes,
                httpHost,
                httpPort,
                webView,
                embedded,
                models,
                stageSettings,
                kafka,
                matchThresholds,
                scenes,
                sceneTranscripts,
                visionOnLiveFrames,
                search);
    }

    /** The settings of stage {@code stage} (a {@link io.montage.processors.stage.StageId} name). */
    public StageSettings stage(String stage) {
        StageSettings settings = stageSettings.get(stage);
        if (settings == null) {
            throw new IllegalArgumentException(
                    "no stage named '" + stage + "'; the stages are " + MontageConfig.ALL_STAGES);
        }
        return settings;
    }

    /** The application.id of stage {@code stage}: its consumer group, transactional ids and state. */
    public String applicationId(String stage) {
        return applicationId + "-" + stage;
    }
}
