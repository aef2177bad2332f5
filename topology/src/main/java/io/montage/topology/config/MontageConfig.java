package io.montage.topology.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.montage.models.batching.BatchingConfig;
import io.montage.models.media.MediaLimits;
import io.montage.models.runtime.Device;
import io.montage.models.search.HnswParameters;
import io.montage.models.speech.TemperatureFallback;
import io.montage.models.speech.WhisperEncoderPrecision;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.processors.blob.OutputMedia;
import io.montage.processors.moderation.MatchThresholds;
import io.montage.processors.stage.StageId;
import io.montage.processors.video.SceneSettings;
import io.montage.processors.video.SceneTranscriptSettings;
import io.montage.schemas.RecordLimits;
import io.montage.schemas.registry.RegistryServerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting Montage knows, declared once: its name, type, default, check and documentation, in
 * Kafka's own {@link ConfigDef} (the way {@code StreamsConfig} declares Kafka Streams' settings).
 * {@link SettingsLoader} reads the values through it, and the README's settings table is generated
 * from it ({@link SettingsTable}, {@code ./montage settings}), so the three cannot disagree.
 *
 * <p>A default of {@code null} means "unset": the setting's documentation says what Montage does
 * then, usually a value derived from another setting or from the machine.
 */
public final class MontageConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String APPLICATION_ID = "montage.application.id";
    public static final String TOPIC_PREFIX = "montage.topic.prefix";
    public static final String PARTITIONS = "montage.topic.partitions";
    public static final String REPLICATION_FACTOR = "montage.topic.replication.factor";
    public static final String DATA_DIR = "montage.data.dir";
    public static final String INSTANCE_ID = "montage.instance.id";
    public static final String STAGES = "montage.stages";
    public static final String STREAM_THREADS = "montage.stream.threads";
    public static final String PROCESSING_GUARANTEE = "montage.processing.guarantee";
    public static final String INLINE_MAX_BYTES = "montage.send.inline.max-bytes";
    public static final String OUTPUT_INLINE_MAX_BYTES = "montage.outputs.inline.max-bytes";
    public static final String BLOB_DIR = "montage.blob.dir";
    public static final String HTTP_ALLOWED_HOSTS = "montage.blob.http.allowed-hosts";
    public static final String DEAD_LETTER_MAX_ORIGINAL_BYTES = "montage.dead-letter.max-original-bytes";
    public static final String HTTP_HOST = "montage.http.host";
    public static final String HTTP_PORT = "montage.http.port";
    public static final String WEB_ENABLED = "montage.web.enabled";
    public static final String WEB_RECENT_UPLOADS = "montage.web.recent-uploads";
    public static final String SEARCH_ENABLED = "montage.search.enabled";
    public static final String SEARCH_CANDIDATES = "montage.search.candidates";
    public static final String EMBEDDED_HOST = "montage.embedded.host";
    public static final String EMBEDDED_KAFKA_PORT = "montage.embedded.kafka.port";
    public static final String EMBEDDED_CONTROLLER_PORT = "montage.embedded.controller.port";
    public static final String EMBEDDED_REGISTRY_PORT = "montage.embedded.registry.port";
    public static final String EMBEDDED_REGISTRY_USERS_FILE = "montage.embedded.registry.users-file";
    public static final String EMBEDDED_REGISTRY_READ_ONLY = "montage.embedded.registry.read-only";
    public static final String EMBEDDED_REGISTRY_MAX_REQUEST_BYTES = "montage.embedded.registry.max-request-bytes";
    public static final String MODELS_CACHE_DIR = "montage.models.cache-dir";
    public static final String MODELS_OFFLINE = "montage.models.offline";
    public static final String MODELS_CATALOG = "montage.models.catalog";
    public static final String DEVICE = "montage.device";
    public static final String REQUIRE_ALL = "montage.require-all";
    public static final String BATCH_MAX_SIZE = "montage.batch.max-size";
    public static final String BATCH_MAX_DELAY = "montage.batch.max-delay";
    public static final String ONNX_INTRA_OP_THREADS = "montage.onnx.intra-op-threads";
    public static final String ONNX_SPINNING = "montage.onnx.spinning";
    public static final String ONNX_CPU_ARENA = "montage.onnx.cpu-arena";
    public static final String TEXT_EMBEDDING_MODEL = "montage.text-embedding.model";
    public static final String IMAGE_EMBEDDING_MODEL = "montage.image-embed.model";
    public static final String IMAGE_LABELS = "montage.image-embed.labels";
    public static final String CAPTION_MODEL = "montage.caption.model";
    public static final String CAPTION_TASK = "montage.caption.task";
    public static final String CAPTION_MAX_NEW_TOKENS = "montage.caption.max-new-tokens";
    public static final String SPEECH_MODEL = "montage.transcribe.model";
    public static final String SPEECH_TEMPERATURES = "montage.transcribe.temperatures";
    public static final String SPEECH_COMPRESSION_RATIO_THRESHOLD = "montage.transcribe.compression-ratio-threshold";
    public static final String SPEECH_LOGPROB_THRESHOLD = "montage.transcribe.logprob-threshold";
    public static final String SPEECH_ENCODER = "montage.transcribe.encoder";
    public static final String MATCH_PDQ_MAX_DISTANCE = "montage.match.pdq.max-distance";
    public static final String MATCH_PDQ_MIN_QUALITY = "montage.match.pdq.min-quality";
    public static final String MATCH_EMBEDDING_MAX_DISTANCE = "montage.match.embedding.max-cosine-distance";

    // ---- Video scenes (the scenes stage) ----
    public static final String SCENES_FPS = "montage.scenes.fps";
    public static final String SCENES_THRESHOLD = "montage.scenes.threshold";
    public static final String SCENES_MIN_LENGTH = "montage.scenes.min-length";
    public static final String SCENES_GRACE = "montage.scenes.grace";
    public static final String SCENES_IDLE_TIMEOUT = "montage.scenes.idle-timeout";
    public static final String SCENES_TEXT_INTERVAL = "montage.scenes.text-interval";
    public static final String SCENES_SIGNAL = "montage.scenes.signal";
    public static final String SCENES_CLIP_THRESHOLD = "montage.scenes.clip-threshold";
    public static final String SCENES_LIVE_UPDATE_INTERVAL = "montage.scenes.live-update-interval";
    public static final String SCENES_LIVE_WINDOW = "montage.scenes.live-window";
    public static final String SCENE_TRANSCRIPTS_WAIT = "montage.scene-transcripts.wait";
    public static final String VISION_LIVE_FRAMES = "montage.vision.live-frames";
    // ---- end of video scenes ----

    /** Per-stage settings are {@code montage.stage.<stage>.<name>}, {@code <name>} one of {@link #PER_STAGE}. */
    public static final String STAGE_PREFIX = "montage.stage.";

    public static final String STAGE_THREADS = "threads";
    public static final String STAGE_BATCH_MAX_SIZE = "batch.max-size";
    public static final String STAGE_BATCH_MAX_DELAY = "batch.max-delay";

    /** Every stage Montage has; all run by default, each model stage only where its model can be had. */
    public static final String ALL_STAGES = StageId.all();

    private static final TemperatureFallback WHISPER = TemperatureFallback.openaiDefaults();
    private static final MatchThresholds MATCH = MatchThresholds.defaults();

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    BOOTSTRAP_SERVERS,
                    Type.STRING,
                    null,
                    HIGH,
                    "Kafka to connect to, host:port[,host:port…]. Unset: Montage starts its embedded broker"
                            + " (in-process KRaft, data under montage.data.dir).")
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.STRING,
                    null,
                    HIGH,
                    "Confluent-compatible schema registry. Unset: Montage starts its embedded registry.")
            .define(
                    APPLICATION_ID,
                    Type.STRING,
                    "montage",
                    new ConfigDef.NonEmptyString(),
                    HIGH,
                    "Base of the Kafka Streams application.ids: stage S runs as <id>-S, and every instance"
                            + " with the same one shares that stage's work.")
            .define(TOPIC_PREFIX, Type.STRING, "", MEDIUM, "Prefix of every Montage topic name.")
            .define(PARTITIONS, Type.INT, 4, Range.atLeast(1), MEDIUM, "Partitions of the topics Montage creates.")
            .define(
                    REPLICATION_FACTOR,
                    Type.SHORT,
                    (short) -1,
                    Range.atLeast(-1),
                    MEDIUM,
                    "Replication of the topics Montage creates; -1 takes the broker's default.")
            .define(
                    DATA_DIR,
                    Type.STRING,
                    "data",
                    MEDIUM,
                    "Embedded broker data, blobs and Kafka Streams state live under it.")
            .define(
                    INSTANCE_ID,
                    Type.STRING,
                    null,
                    LOW,
                    "This instance's stable member name in each stage's consumer group (static membership):"
                            + " a restarted instance takes its partitions back at once. Unset: the host name"
                            + " and the data directory.")
            .define(
                    STAGES,
                    Type.LIST,
                    ALL_STAGES,
                    stageNames(),
                    HIGH,
                    "Which stages this instance runs, comma-separated; each model stage runs only where its"
                            + " model can be had (see montage.require-all).")
            .define(
                    STREAM_THREADS,
                    Type.INT,
                    null,
                    unsetOr(Range.atLeast(1)),
                    MEDIUM,
                    "Kafka Streams threads of the probe stage (the default of montage.stage.probe.threads)."
                            + " Unset: one per core, at least 2.")
            .define(
                    PROCESSING_GUARANTEE,
                    Type.STRING,
                    "exactly_once_v2",
                    caseInsensitive("exactly_once_v2", "at_least_once"),
                    MEDIUM,
                    "exactly_once_v2 or at_least_once.")
            .define(
                    MediaLimits.MAX_BYTES_KEY,
                    Type.LONG,
                    MediaLimits.defaults().maxBytes(),
                    Range.atLeast(1),
                    MEDIUM,
                    "Largest upload accepted, in bytes (default 100 MiB).")
            .define(
                    MediaLimits.MAX_PIXELS_KEY,
                    Type.LONG,
                    MediaLimits.defaults().maxPixels(),
                    Range.atLeast(1),
                    MEDIUM,
                    "Largest width × height of an image or video frame (default 50 MP).")
            .define(
                    MediaLimits.MAX_DURATION_KEY,
                    Type.STRING,
                    "3h",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "Longest audio or video.")
            .define(
                    INLINE_MAX_BYTES,
                    Type.INT,
                    1024 * 1024,
                    Range.atLeast(0),
                    LOW,
                    "montage send puts larger media in the blob store and sends a claim-check reference.")
            .define(
                    OUTPUT_INLINE_MAX_BYTES,
                    Type.INT,
                    OutputMedia.DEFAULT_INLINE_MAX_BYTES,
                    Range.between(0, RecordLimits.MAX_RECORD_BYTES / 2),
                    LOW,
                    "Generated media larger than this (a contact sheet, a summary video) go to the blob store"
                            + " (montage.blob.dir) and their record carries a claim-check reference, as inputs do.")
            .define(
                    BLOB_DIR,
                    Type.STRING,
                    null,
                    MEDIUM,
                    "Root of the file:// blob store. Unset: <montage.data.dir>/blobs.")
            .define(
                    HTTP_ALLOWED_HOSTS,
                    Type.LIST,
                    "",
                    MEDIUM,
                    "Hosts whose http(s) media references Montage may fetch: host, host:port or"
                            + " https://host:port, comma-separated. A bare host allows ports 80 and 443; a host"
                            + " that resolves to a loopback, link-local or private address is fetched only when"
                            + " the entry names that address (e.g. 10.0.0.5:9000).")
            .define(
                    DEAD_LETTER_MAX_ORIGINAL_BYTES,
                    Type.INT,
                    1024 * 1024,
                    Range.atLeast(0),
                    LOW,
                    "Largest input value copied into a dead-letter record.")
            .define(
                    HTTP_HOST,
                    Type.STRING,
                    "127.0.0.1",
                    MEDIUM,
                    "Interface of the metrics and health endpoint (/metrics, /health, /ready).")
            .define(
                    HTTP_PORT,
                    Type.INT,
                    9464,
                    Range.between(-1, 65535),
                    MEDIUM,
                    "Port of the metrics and health endpoint; 0 picks a free one, -1 turns it off.")
            .define(
                    WEB_ENABLED,
                    Type.BOOLEAN,
                    true,
                    MEDIUM,
                    "The HTTP endpoint serves the live web view at /web/ (read-only; docs/operations.md).")
            .define(
                    WEB_RECENT_UPLOADS,
                    Type.INT,
                    32,
                    Range.atLeast(1),
                    LOW,
                    "Recent uploads, and recent dead-letters, the web view keeps in memory, inline media"
                            + " included.")
            .define(
                    SEARCH_ENABLED,
                    Type.BOOLEAN,
                    false,
                    MEDIUM,
                    "Index the embeddings topic in memory and serve /search, /search/image and /search/text on the HTTP"
                            + " endpoint (docs/search.md). Off by default: about 1.6 GB of heap per million"
                            + " 384-d vectors.")
            .define(
                    SEARCH_CANDIDATES,
                    Type.INT,
                    HnswParameters.defaults().candidates(),
                    Range.atLeast(1),
                    LOW,
                    "Nodes an HNSW search keeps before it returns the best k: more raise recall and query"
                            + " time (docs/search.md).")
            .define(
                    EMBEDDED_HOST,
                    Type.STRING,
                    "127.0.0.1",
                    LOW,
                    "Interface the embedded broker and registry listen on.")
            .define(EMBEDDED_KAFKA_PORT, Type.INT, 9092, port(), LOW, "Port of the embedded broker.")
            .define(EMBEDDED_CONTROLLER_PORT, Type.INT, 9093, port(), LOW, "Port of the embedded KRaft controller.")
            .define(EMBEDDED_REGISTRY_PORT, Type.INT, 8081, port(), LOW, "Port of the embedded schema registry.")
            .define(
                    EMBEDDED_REGISTRY_USERS_FILE,
                    Type.STRING,
                    null,
                    LOW,
                    "Users allowed to call the embedded registry (basic authentication); required when"
                            + " montage.embedded.host is not a loopback address.")
            .define(
                    EMBEDDED_REGISTRY_READ_ONLY,
                    Type.BOOLEAN,
                    false,
                    LOW,
                    "The embedded registry refuses every change.")
            .define(
                    EMBEDDED_REGISTRY_MAX_REQUEST_BYTES,
                    Type.INT,
                    RegistryServerSettings.DEFAULT_MAX_REQUEST_BYTES,
                    Range.atLeast(1),
                    LOW,
                    "Larger registry requests are refused with 413.")
            .define(
                    MODELS_CACHE_DIR,
                    Type.STRING,
                    null,
                    MEDIUM,
                    "Where pulled model files live. Unset: ~/.cache/montage/models.")
            .define(MODELS_OFFLINE, Type.BOOLEAN, false, MEDIUM, "Use only the model cache, never a source.")
            .define(
                    MODELS_CATALOG,
                    Type.STRING,
                    null,
                    LOW,
                    "A JSON catalog file whose entries add to or replace the built-in ones (e.g. a fine-tuned"
                            + " export in a local directory).")
            .define(
                    DEVICE,
                    Type.STRING,
                    "cpu",
                    checkedBy(Device::parse, "cpu, cuda, cuda:N or auto"),
                    HIGH,
                    "Where models run: cpu, cuda, cuda:N or auto. cuda needs the GPU build"
                            + " (-Donnxruntime.artifact=onnxruntime_gpu) and fails where CUDA cannot be used.")
            .define(
                    REQUIRE_ALL,
                    Type.BOOLEAN,
                    false,
                    MEDIUM,
                    "A stage whose model cannot be had is an error, not a stage left off.")
            .define(
                    BATCH_MAX_SIZE,
                    Type.INT,
                    BatchingConfig.defaults().maxBatchSize(),
                    Range.atLeast(1),
                    MEDIUM,
                    "Most records in one model call (the default of montage.stage.<stage>.batch.max-size).")
            .define(
                    BATCH_MAX_DELAY,
                    Type.STRING,
                    BatchingConfig.defaults().maxQueueDelay().toMillis() + "ms",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "How long a record waits for companions before a partial batch runs (the default of"
                            + " montage.stage.<stage>.batch.max-delay).")
            .define(
                    ONNX_INTRA_OP_THREADS,
                    Type.INT,
                    0,
                    Range.atLeast(0),
                    MEDIUM,
                    "Threads of ONNX Runtime's one pool, the CPU budget every model run shares; 0: one per core.")
            .define(
                    ONNX_SPINNING,
                    Type.BOOLEAN,
                    false,
                    LOW,
                    "Idle ONNX Runtime threads spin-wait (off: the CPU stays free for the other stages).")
            .define(
                    ONNX_CPU_ARENA,
                    Type.BOOLEAN,
                    true,
                    LOW,
                    "ONNX Runtime keeps CPU tensor memory in its arena for reuse; that memory is never given"
                            + " back (docs/operations.md#memory).")
            .define(
                    TEXT_EMBEDDING_MODEL,
                    Type.STRING,
                    SentenceTransformerEmbedder.DEFAULT_MODEL_ID,
                    new ConfigDef.NonEmptyString(),
                    MEDIUM,
                    "Catalog id of the text embedder.")
            .define(
                    IMAGE_EMBEDDING_MODEL,
                    Type.STRING,
                    "clip-vit-base-patch32",
                    new ConfigDef.NonEmptyString(),
                    MEDIUM,
                    "Catalog id of the CLIP model.")
            .define(
                    IMAGE_LABELS,
                    Type.STRING,
                    "",
                    MEDIUM,
                    "Zero-shot label prompts scored against every image embedding, separated by | (prompts"
                            + " may hold commas).")
            .define(
                    CAPTION_MODEL,
                    Type.STRING,
                    "florence-2-base-ft",
                    new ConfigDef.NonEmptyString(),
                    MEDIUM,
                    "Catalog id of the captioner: florence-2-base-ft or vit-gpt2-image-captioning.")
            .define(
                    CAPTION_TASK,
                    Type.STRING,
                    "<CAPTION>",
                    ValidString.in("<CAPTION>", "<DETAILED_CAPTION>", "<MORE_DETAILED_CAPTION>"),
                    LOW,
                    "Florence-2 task tag.")
            .define(
                    CAPTION_MAX_NEW_TOKENS,
                    Type.INT,
                    0,
                    Range.between(0, 4096),
                    LOW,
                    "Most tokens a caption may have; 0: the captioner's own (Florence-2 1,024 as its reference"
                            + " usage, vit-gpt2 19).")
            .define(
                    SPEECH_MODEL,
                    Type.STRING,
                    "whisper-base",
                    new ConfigDef.NonEmptyString(),
                    MEDIUM,
                    "Catalog id of the Whisper export (whisper-base, whisper-tiny.en, …).")
            .define(
                    SPEECH_TEMPERATURES,
                    Type.STRING,
                    temperatures(WHISPER),
                    checkedBy(WHISPER::withTemperatures, "numbers separated by commas"),
                    LOW,
                    "Whisper's fallback temperatures, comma-separated; 0 alone decodes each window once"
                            + " (docs/models.md#whisper).")
            .define(
                    SPEECH_COMPRESSION_RATIO_THRESHOLD,
                    Type.DOUBLE,
                    WHISPER.compressionRatioThreshold(),
                    LOW,
                    "Re-decode a window whose text's zlib compression ratio is above this (a repetition loop).")
            .define(
                    SPEECH_LOGPROB_THRESHOLD,
                    Type.DOUBLE,
                    WHISPER.logProbThreshold(),
                    LOW,
                    "Re-decode a window whose average log-probability is below this.")
            .define(
                    SPEECH_ENCODER,
                    Type.STRING,
                    "auto",
                    checkedBy(WhisperEncoderPrecision::parse, "auto, fp32, fp16 or quantized"),
                    LOW,
                    "Which Whisper encoder file runs: auto (fp32 on the CPU, fp16 on CUDA), fp32, fp16 or"
                            + " quantized.")
            .define(
                    MATCH_PDQ_MAX_DISTANCE,
                    Type.INT,
                    MATCH.pdqMaxDistance(),
                    Range.between(0, 256),
                    MEDIUM,
                    "Largest PDQ Hamming distance, in bits, at which an upload matches a reference-list entry"
                            + " (Meta's default; docs/moderation.md).")
            .define(
                    MATCH_PDQ_MIN_QUALITY,
                    Type.INT,
                    MATCH.pdqMinQuality(),
                    Range.between(0, 100),
                    MEDIUM,
                    "Uploads (and references, where their quality is known) whose PDQ quality is below this"
                            + " are not matched by hash (Meta's cut-off): a flat picture's hash is noise.")
            .define(
                    MATCH_EMBEDDING_MAX_DISTANCE,
                    Type.DOUBLE,
                    MATCH.maxCosineDistance(),
                    Range.between(0, 2),
                    MEDIUM,
                    "Largest cosine distance (1 - cosine similarity) between embeddings that matches a"
                            + " reference-list entry; a starting point to tune, not a measured optimum.")
            // ---- Video scenes (the scenes stage) ----
            .define(
                    SCENES_FPS,
                    Type.DOUBLE,
                    SceneSettings.DEFAULT_FPS,
                    Range.between(0.1, 60),
                    MEDIUM,
                    "Frames per second sampled from an uploaded clip for scene detection (live streams send"
                            + " their own frames to video-frames).")
            .define(
                    SCENES_THRESHOLD,
                    Type.DOUBLE,
                    SceneSettings.DEFAULT_THRESHOLD,
                    Range.between(0.01, 0.99),
                    MEDIUM,
                    "Colour-histogram distance (0: same colours, 1: none shared) between consecutive sampled"
                            + " frames above which a new scene starts, where scenes are cut on histograms (see "
                            + SCENES_SIGNAL
                            + ").")
            .define(
                    SCENES_SIGNAL,
                    Type.STRING,
                    SceneSettings.DEFAULT_SIGNAL.name().toLowerCase(Locale.ROOT),
                    caseInsensitive("auto", "histogram", "clip"),
                    MEDIUM,
                    "What consecutive sampled frames are compared on: clip (the cosine distance of their CLIP"
                            + " embeddings, by the image-embed stage's model, which must then run in the same"
                            + " instance), histogram (their colour histograms), or auto (clip where the image-embed"
                            + " stage's CLIP model is loaded in this instance, otherwise histogram). Scene records"
                            + " name the signal in model.id (clip-scenes or colour-histogram-scenes).")
            .define(
                    SCENES_CLIP_THRESHOLD,
                    Type.DOUBLE,
                    SceneSettings.DEFAULT_CLIP_THRESHOLD,
                    Range.between(0.01, 1.99),
                    MEDIUM,
                    "Cosine distance (1 - cosine similarity) between consecutive frames' CLIP embeddings above"
                            + " which a new scene starts, where scenes are cut on CLIP embeddings; chosen from what is"
                            + " known of CLIP ViT-B/32, not measured with its weights (docs/video-scenes.md).")
            .define(
                    SCENES_MIN_LENGTH,
                    Type.STRING,
                    SceneSettings.DEFAULT_MIN_SCENE.toSeconds() + "s",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "Shortest scene: a change sooner after the scene's start does not cut (flashes, fast"
                            + " montages).")
            .define(
                    SCENES_GRACE,
                    Type.STRING,
                    SceneSettings.DEFAULT_GRACE.toSeconds() + "s",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "How far behind a stream's newest frame (by presentation time) a frame may arrive and still"
                            + " be placed in order; later frames are dead-lettered as LATE_FRAME. Live scenes are"
                            + " reported this much later.")
            .define(
                    SCENES_IDLE_TIMEOUT,
                    Type.STRING,
                    SceneSettings.DEFAULT_IDLE_TIMEOUT.toSeconds() + "s",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "A live stream that sends no frame for this long (wall clock) has its open scene closed and"
                            + " written.")
            .define(
                    SCENES_TEXT_INTERVAL,
                    Type.STRING,
                    SceneSettings.DEFAULT_TEXT_INTERVAL.toSeconds() + "s",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "How often the OCR model (where the ocr stage is on) reads a clip's frames after each"
                            + " scene's keyframe, so that text appearing during a scene is in its ocrText; 0s reads"
                            + " the keyframe only. For clips: a live stream's open scene is read again at each of its"
                            + " updates (montage.scenes.live-update-interval).")
            .define(
                    SCENES_LIVE_UPDATE_INTERVAL,
                    Type.STRING,
                    SceneSettings.DEFAULT_LIVE_UPDATE_INTERVAL.toSeconds() + "s",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "Stream time between updates of a live stream's open scene so far on scenes-open (one also"
                            + " when a scene opens); 0s: none.")
            .define(
                    SCENES_LIVE_WINDOW,
                    Type.STRING,
                    SceneSettings.DEFAULT_LIVE_WINDOW.toMinutes() + "m",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "Stream time a live stream's contact sheet and summary video (on generated-media) cover at"
                            + " least: written when a scene ends at or past it, or the stream goes idle; 0s: none.")
            .define(
                    SCENE_TRANSCRIPTS_WAIT,
                    Type.STRING,
                    SceneTranscriptSettings.DEFAULT_WAIT.toMinutes() + "m",
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "How long the scene-transcripts stage keeps a clip's scenes waiting for its transcript (and a"
                            + " transcript for its scenes); scenes still waiting then go to scene-transcripts"
                            + " without transcript segments.")
            .define(
                    VISION_LIVE_FRAMES,
                    Type.BOOLEAN,
                    false,
                    MEDIUM,
                    "The ocr, caption and image-embed stages also read every frame of a live stream (video-frames),"
                            + " a model call per frame each; off, a live stream's pictures are described by the"
                            + " scenes stage, once per scene, on its keyframe.");
    // ---- end of video scenes ----

    /**
     * The settings each stage has, read from {@code montage.stage.<stage>.} with the prefix removed.
     * Unset, each takes the instance-wide setting its documentation names.
     */
    public static final ConfigDef PER_STAGE = new ConfigDef()
            .define(
                    STAGE_THREADS,
                    Type.INT,
                    null,
                    unsetOr(Range.atLeast(1)),
                    MEDIUM,
                    "Kafka Streams threads of the stage's application. Unset: montage.stream.threads for the"
                            + " probe; one per partition for a model stage, so every task can wait on the model"
                            + " while the others fill their batches (docs/stages-and-batching.md).")
            .define(
                    STAGE_BATCH_MAX_SIZE,
                    Type.INT,
                    null,
                    unsetOr(Range.atLeast(1)),
                    MEDIUM,
                    "Most records the stage runs its model on at once. Unset: montage.batch.max-size.")
            .define(
                    STAGE_BATCH_MAX_DELAY,
                    Type.STRING,
                    null,
                    DurationSetting.VALIDATOR,
                    MEDIUM,
                    "How long a record waits for companions before a partial batch runs. Unset:"
                            + " montage.batch.max-delay.");

    MontageConfig(Map<String, String> values) {
        super(CONFIG, values, false);
    }

    /** The names Montage reads, per-stage ones included: the environment is searched for these. */
    static List<String> allNames() {
        List<String> names = new ArrayList<>(CONFIG.names());
        for (String stage : ALL_STAGES.split(",")) {
            names.addAll(stageConfig(stage).names());
        }
        return List.copyOf(names);
    }

    /**
     * {@link #PER_STAGE} under stage {@code stage}'s full names ({@code montage.stage.ocr.threads}), so
     * that a refused value is reported by the name the user wrote.
     */
    static ConfigDef stageConfig(String stage) {
        ConfigDef def = new ConfigDef();
        PER_STAGE
                .configKeys()
                .values()
                .forEach(key -> def.define(
                        STAGE_PREFIX + stage + "." + key.name,
                        key.type,
                        key.defaultValue,
                        key.validator,
                        key.importance,
                        key.documentation));
        return def;
    }

    /** Kafka's validators refuse null; Montage's optional settings are null when unset. */
    private static ConfigDef.Validator unsetOr(ConfigDef.Validator validator) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    validator.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return validator.toString();
            }
        };
    }

    private static ConfigDef.Validator port() {
        return Range.between(0, 65535);
    }

    private static String temperatures(TemperatureFallback fallback) {
        return Arrays.stream(fallback.temperatures())
                .mapToObj(t -> t == Math.rint(t) ? String.valueOf((long) t) : String.valueOf(t))
                .reduce((a, b) -> a + "," + b)
                .orElse("0");
    }

    /** Stage names, compared case-insensitively, as `--stages OCR` always worked. */
    private static ConfigDef.Validator stageNames() {
        Set<String> known = Set.of(ALL_STAGES.split(","));
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                for (Object stage : (List<?>) value) {
                    if (!known.contains(stage.toString().toLowerCase(Locale.ROOT))) {
                        throw new ConfigException(
                                name, value, "unknown stage '" + stage + "'; the stages are " + ALL_STAGES);
                    }
                }
            }

            @Override
            public String toString() {
                return ALL_STAGES;
            }
        };
    }

    private static ConfigDef.Validator caseInsensitive(String... allowed) {
        Set<String> values = Set.of(allowed);
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!values.contains(value.toString().toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(name, value, "must be one of " + String.join(", ", allowed));
                }
            }

            @Override
            public String toString() {
                return String.join(", ", allowed);
            }
        };
    }

    /** A setting checked by the parser that later reads it, so the check and the use cannot drift. */
    private static ConfigDef.Validator checkedBy(Consumer<String> parser, String description) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    parser.accept((String) value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
