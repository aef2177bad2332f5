package io.montage.topology.config;

import io.montage.models.batching.BatchingConfig;
import io.montage.models.media.MediaLimits;
import io.montage.models.speech.TemperatureFallback;
import io.montage.models.speech.WhisperEncoderPrecision;
import io.montage.models.store.ModelStore;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.processors.stage.StageId;
import io.montage.schemas.registry.RegistryServerSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@link MontageSettings} from, in increasing precedence: built-in defaults, a properties file,
 * environment variables, and command-line overrides. A known key's environment variable is its
 * name upper-cased with dots and dashes as underscores ({@code bootstrap.servers} →
 * {@code BOOTSTRAP_SERVERS}, {@code montage.topic.prefix} → {@code MONTAGE_TOPIC_PREFIX}), the
 * convention of Kafka's own container images. Keys Montage does not know are passed to Kafka as they
 * are, so security and tuning settings need no Montage option.
 */
public final class SettingsLoader {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String APPLICATION_ID = "montage.application.id";
    public static final String TOPIC_PREFIX = "montage.topic.prefix";
    public static final String DATA_DIR = "montage.data.dir";
    /** This instance's stable name in each stage's consumer group (static membership). */
    public static final String INSTANCE_ID = "montage.instance.id";

    public static final String PARTITIONS = "montage.topic.partitions";
    public static final String REPLICATION_FACTOR = "montage.topic.replication.factor";
    public static final String STREAM_THREADS = "montage.stream.threads";
    public static final String PROCESSING_GUARANTEE = "montage.processing.guarantee";
    public static final String INLINE_MAX_BYTES = "montage.send.inline.max-bytes";
    public static final String BLOB_DIR = "montage.blob.dir";
    public static final String HTTP_ALLOWED_HOSTS = "montage.blob.http.allowed-hosts";
    public static final String DEAD_LETTER_MAX_ORIGINAL_BYTES = "montage.dead-letter.max-original-bytes";
    public static final String HTTP_HOST = "montage.http.host";
    public static final String HTTP_PORT = "montage.http.port";
    public static final String EMBEDDED_HOST = "montage.embedded.host";
    public static final String EMBEDDED_KAFKA_PORT = "montage.embedded.kafka.port";
    public static final String EMBEDDED_CONTROLLER_PORT = "montage.embedded.controller.port";
    public static final String EMBEDDED_REGISTRY_PORT = "montage.embedded.registry.port";
    public static final String EMBEDDED_REGISTRY_USERS_FILE = "montage.embedded.registry.users-file";
    public static final String EMBEDDED_REGISTRY_READ_ONLY = "montage.embedded.registry.read-only";
    public static final String EMBEDDED_REGISTRY_MAX_REQUEST_BYTES = "montage.embedded.registry.max-request-bytes";
    public static final String MODELS_CACHE_DIR = "montage.models.cache-dir";
    public static final String MODELS_OFFLINE = "montage.models.offline";
    public static final String DEVICE = "montage.device";
    public static final String REQUIRE_ALL = "montage.require-all";
    public static final String TEXT_EMBEDDING_MODEL = "montage.text-embedding.model";
    public static final String BATCH_MAX_SIZE = "montage.batch.max-size";
    public static final String BATCH_MAX_DELAY = "montage.batch.max-delay";
    public static final String ONNX_INTRA_OP_THREADS = "montage.onnx.intra-op-threads";
    public static final String ONNX_SPINNING = "montage.onnx.spinning";
    public static final String ONNX_CPU_ARENA = "montage.onnx.cpu-arena";
    /** Per-stage settings: {@code montage.stage.<stage>.threads|batch.max-size|batch.max-delay}. */
    public static final String STAGE_PREFIX = "montage.stage.";

    public static final String STAGE_THREADS = "threads";
    public static final String STAGE_BATCH_MAX_SIZE = "batch.max-size";
    public static final String STAGE_BATCH_MAX_DELAY = "batch.max-delay";
    public static final String STAGES = "montage.stages";
    /** Zero-shot label prompts for image embeddings, separated by '|' since prompts may hold commas. */
    public static final String IMAGE_LABELS = "montage.image-embed.labels";

    public static final String CAPTION_MODEL = "montage.caption.model";
    public static final String CAPTION_TASK = "montage.caption.task";
    /** Most tokens a caption may have; unset, the captioner's own (Florence-2 1,024 as its reference usage, vit-gpt2 19). */
    public static final String CAPTION_MAX_NEW_TOKENS = "montage.caption.max-new-tokens";

    public static final String IMAGE_EMBEDDING_MODEL = "montage.image-embed.model";
    public static final String MODELS_CATALOG = "montage.models.catalog";
    public static final String SPEECH_MODEL = "montage.transcribe.model";
    /** Whisper's fallback temperatures, comma-separated; "0" alone decodes each window once. */
    public static final String SPEECH_TEMPERATURES = "montage.transcribe.temperatures";
    /** Re-decode a window whose text's zlib compression ratio is above this (a repetition loop). */
    public static final String SPEECH_COMPRESSION_RATIO_THRESHOLD = "montage.transcribe.compression-ratio-threshold";
    /** Re-decode a window whose average log-probability is below this. */
    public static final String SPEECH_LOGPROB_THRESHOLD = "montage.transcribe.logprob-threshold";
    /** Which Whisper encoder file runs: auto (fp32 on the CPU, fp16 on CUDA), fp32, fp16 or quantized. */
    public static final String SPEECH_ENCODER = "montage.transcribe.encoder";
    /** Every stage Montage has; all run by default, each model stage only where its model can be had. */
    public static final String ALL_STAGES = StageId.all();

    private static final Set<String> KNOWN = Set.of(
            BOOTSTRAP_SERVERS,
            SCHEMA_REGISTRY_URL,
            APPLICATION_ID,
            TOPIC_PREFIX,
            DATA_DIR,
            INSTANCE_ID,
            PARTITIONS,
            REPLICATION_FACTOR,
            STREAM_THREADS,
            PROCESSING_GUARANTEE,
            INLINE_MAX_BYTES,
            BLOB_DIR,
            HTTP_ALLOWED_HOSTS,
            DEAD_LETTER_MAX_ORIGINAL_BYTES,
            HTTP_HOST,
            HTTP_PORT,
            EMBEDDED_HOST,
            EMBEDDED_KAFKA_PORT,
            EMBEDDED_CONTROLLER_PORT,
            EMBEDDED_REGISTRY_PORT,
            EMBEDDED_REGISTRY_USERS_FILE,
            EMBEDDED_REGISTRY_READ_ONLY,
            EMBEDDED_REGISTRY_MAX_REQUEST_BYTES,
            MODELS_CACHE_DIR,
            MODELS_OFFLINE,
            DEVICE,
            REQUIRE_ALL,
            TEXT_EMBEDDING_MODEL,
            BATCH_MAX_SIZE,
            BATCH_MAX_DELAY,
            ONNX_INTRA_OP_THREADS,
            ONNX_SPINNING,
            ONNX_CPU_ARENA,
            STAGES,
            IMAGE_LABELS,
            CAPTION_MODEL,
            CAPTION_TASK,
            IMAGE_EMBEDDING_MODEL,
            MODELS_CATALOG,
            SPEECH_MODEL,
            SPEECH_TEMPERATURES,
            SPEECH_COMPRESSION_RATIO_THRESHOLD,
            SPEECH_LOGPROB_THRESHOLD,
            SPEECH_ENCODER,
            CAPTION_MAX_NEW_TOKENS,
            MediaLimits.MAX_BYTES_KEY,
            MediaLimits.MAX_PIXELS_KEY,
            MediaLimits.MAX_DURATION_KEY);

    private SettingsLoader() {}

    /**
     * @param file      a properties file, or null
     * @param env       the environment (System.getenv() in production)
     * @param overrides command-line settings, highest precedence
     */
    public static MontageSettings load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (String key : KNOWN) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv);
            }
        }
        values.putAll(overrides);
        return from(values);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static MontageSettings from(Map<String, String> v) {
        Path dataDir = Path.of(v.getOrDefault(DATA_DIR, "data"));
        MediaLimits defaults = MediaLimits.defaults();
        MediaLimits limits = new MediaLimits(
                longValue(v, MediaLimits.MAX_BYTES_KEY, defaults.maxBytes()),
                longValue(v, MediaLimits.MAX_PIXELS_KEY, defaults.maxPixels()),
                v.containsKey(MediaLimits.MAX_DURATION_KEY)
                        ? duration(v, MediaLimits.MAX_DURATION_KEY)
                        : defaults.maxDuration());
        Map<String, String> kafka = new HashMap<>();
        v.forEach((key, value) -> {
            if (!KNOWN.contains(key) && !key.startsWith("montage.")) {
                kafka.put(key, value);
            }
        });
        String guarantee =
                v.getOrDefault(PROCESSING_GUARANTEE, "exactly_once_v2").trim().toLowerCase(Locale.ROOT);
        if (!Set.of("exactly_once_v2", "at_least_once").contains(guarantee)) {
            throw new IllegalArgumentException(
                    PROCESSING_GUARANTEE + " must be exactly_once_v2 or at_least_once, was '" + guarantee + "'");
        }
        int streamThreads = (int)
                longValue(v, STREAM_THREADS, Math.max(2, Runtime.getRuntime().availableProcessors()));
        int batchMaxSize =
                (int) longValue(v, BATCH_MAX_SIZE, BatchingConfig.defaults().maxBatchSize());
        Duration batchMaxDelay = v.containsKey(BATCH_MAX_DELAY)
                ? duration(v, BATCH_MAX_DELAY)
                : BatchingConfig.defaults().maxQueueDelay();
        return new MontageSettings(
                optional(v, BOOTSTRAP_SERVERS),
                optional(v, SCHEMA_REGISTRY_URL),
                v.getOrDefault(APPLICATION_ID, "montage"),
                v.getOrDefault(TOPIC_PREFIX, ""),
                dataDir,
                optional(v, INSTANCE_ID).orElseGet(() -> InstanceId.of(dataDir)),
                (int) longValue(v, PARTITIONS, 4),
                (short) longValue(v, REPLICATION_FACTOR, -1),
                streamThreads,
                guarantee,
                limits,
                (int) longValue(v, INLINE_MAX_BYTES, 1024 * 1024),
                Path.of(v.getOrDefault(BLOB_DIR, dataDir.resolve("blobs").toString())),
                Arrays.stream(v.getOrDefault(HTTP_ALLOWED_HOSTS, "").split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()),
                (int) longValue(v, DEAD_LETTER_MAX_ORIGINAL_BYTES, 1024 * 1024),
                v.getOrDefault(HTTP_HOST, "127.0.0.1"),
                (int) longValue(v, HTTP_PORT, 9464),
                new MontageSettings.EmbeddedServices(
                        v.getOrDefault(EMBEDDED_HOST, "127.0.0.1"),
                        (int) longValue(v, EMBEDDED_KAFKA_PORT, 9092),
                        (int) longValue(v, EMBEDDED_CONTROLLER_PORT, 9093),
                        (int) longValue(v, EMBEDDED_REGISTRY_PORT, 8081),
                        optional(v, EMBEDDED_REGISTRY_USERS_FILE).map(Path::of),
                        booleanValue(v, EMBEDDED_REGISTRY_READ_ONLY, false),
                        (int) longValue(
                                v,
                                EMBEDDED_REGISTRY_MAX_REQUEST_BYTES,
                                RegistryServerSettings.DEFAULT_MAX_REQUEST_BYTES)),
                new MontageSettings.ModelSettings(
                        v.containsKey(MODELS_CACHE_DIR)
                                ? Path.of(v.get(MODELS_CACHE_DIR))
                                : ModelStore.defaultCacheDirectory(),
                        booleanValue(v, MODELS_OFFLINE, false),
                        v.getOrDefault(DEVICE, "cpu"),
                        booleanValue(v, REQUIRE_ALL, false),
                        v.getOrDefault(TEXT_EMBEDDING_MODEL, SentenceTransformerEmbedder.DEFAULT_MODEL_ID),
                        batchMaxSize,
                        batchMaxDelay,
                        (int) longValue(v, ONNX_INTRA_OP_THREADS, 0),
                        booleanValue(v, ONNX_SPINNING, false),
                        booleanValue(v, ONNX_CPU_ARENA, true),
                        stages(v.getOrDefault(STAGES, ALL_STAGES)),
                        Arrays.stream(v.getOrDefault(IMAGE_LABELS, "").split("\\|"))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList(),
                        v.getOrDefault(CAPTION_MODEL, "florence-2-base-ft"),
                        v.getOrDefault(CAPTION_TASK, "<CAPTION>"),
                        v.getOrDefault(IMAGE_EMBEDDING_MODEL, "clip-vit-base-patch32"),
                        optional(v, MODELS_CATALOG).map(Path::of),
                        v.getOrDefault(SPEECH_MODEL, "whisper-base"),
                        speechFallback(v),
                        WhisperEncoderPrecision.parse(v.getOrDefault(SPEECH_ENCODER, "auto")),
                        captionMaxNewTokens(v)),
                stageSettings(v, streamThreads, (int) longValue(v, PARTITIONS, 4), batchMaxSize, batchMaxDelay),
                Map.copyOf(kafka));
    }

    /**
     * Each stage's threads and batching; defaults: the probe takes {@code montage.stream.threads}
     * (decoding parallelises across threads); a model stage one thread per partition, so that every
     * task can wait on the model while the others read their next records, fill their batches, write
     * results and commit — the model CPU budget keeps their model runs from oversubscribing the cores,
     * and a GPU always has the next batch queued (measured on 2 cores: OCR through Kafka 1.21x its
     * in-process time per image with one thread, 0.97x with four; the GPU-shaped benchmark model 0.56
     * of its best batched throughput with two threads, 0.72 with four); batching from
     * {@code montage.batch.*}.
     */
    private static Map<String, StageSettings> stageSettings(
            Map<String, String> v, int streamThreads, int partitions, int batchMaxSize, Duration batchMaxDelay) {
        Set<String> known = Set.of(ALL_STAGES.split(","));
        for (String key : v.keySet()) {
            if (key.startsWith(STAGE_PREFIX)) {
                String rest = key.substring(STAGE_PREFIX.length());
                int dot = rest.indexOf('.');
                String stage = dot < 0 ? rest : rest.substring(0, dot);
                String setting = dot < 0 ? "" : rest.substring(dot + 1);
                if (!known.contains(stage)
                        || !Set.of(STAGE_THREADS, STAGE_BATCH_MAX_SIZE, STAGE_BATCH_MAX_DELAY)
                                .contains(setting)) {
                    throw new IllegalArgumentException("unknown setting " + key + "; per-stage settings are "
                            + STAGE_PREFIX + "<stage>." + STAGE_THREADS + ", ." + STAGE_BATCH_MAX_SIZE + " and ."
                            + STAGE_BATCH_MAX_DELAY + ", for the stages " + ALL_STAGES);
                }
            }
        }
        Map<String, StageSettings> settings = new LinkedHashMap<>();
        for (String stage : known) {
            String prefix = STAGE_PREFIX + stage + ".";
            settings.put(
                    stage,
                    new StageSettings(
                            (int) longValue(
                                    v,
                                    prefix + STAGE_THREADS,
                                    stage.equals(StageId.PROBE.id()) ? streamThreads : partitions),
                            (int) longValue(v, prefix + STAGE_BATCH_MAX_SIZE, batchMaxSize),
                            v.containsKey(prefix + STAGE_BATCH_MAX_DELAY)
                                    ? duration(v, prefix + STAGE_BATCH_MAX_DELAY)
                                    : batchMaxDelay));
        }
        return Map.copyOf(settings);
    }

    private static Set<String> stages(String list) {
        Set<String> known = Set.of(ALL_STAGES.split(","));
        Set<String> stages = Arrays.stream(list.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        stages.stream().filter(s -> !known.contains(s)).findFirst().ifPresent(s -> {
            throw new IllegalArgumentException(
                    STAGES + " names an unknown stage '" + s + "'; the stages are " + ALL_STAGES);
        });
        return stages;
    }

    private static Optional<String> optional(Map<String, String> v, String key) {
        return Optional.ofNullable(v.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static int captionMaxNewTokens(Map<String, String> v) {
        long max = longValue(v, CAPTION_MAX_NEW_TOKENS, 0);
        if (max < 0 || max > 4096) {
            throw new IllegalArgumentException(
                    CAPTION_MAX_NEW_TOKENS + " must be 1..4096 (unset for the captioner's own), was " + max);
        }
        return (int) max;
    }

    /** openai/whisper transcribe.py's defaults, each replaceable by its montage.transcribe.* setting. */
    private static TemperatureFallback speechFallback(Map<String, String> v) {
        TemperatureFallback openai = TemperatureFallback.openaiDefaults();
        TemperatureFallback withTemperatures =
                optional(v, SPEECH_TEMPERATURES).map(openai::withTemperatures).orElse(openai);
        return new TemperatureFallback(
                withTemperatures.temperatures(),
                doubleValue(v, SPEECH_COMPRESSION_RATIO_THRESHOLD, openai.compressionRatioThreshold()),
                doubleValue(v, SPEECH_LOGPROB_THRESHOLD, openai.logProbThreshold()),
                openai.noSpeechThreshold());
    }

    private static double doubleValue(Map<String, String> v, String key, double fallback) {
        String value = v.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a number, e.g. " + fallback + ", was '" + value + "'", e);
        }
    }

    /** Strict: Boolean.parseBoolean reads a typo such as "flase" or "yes" as false without a word. */
    private static boolean booleanValue(Map<String, String> v, String key, boolean fallback) {
        String value = v.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        };
    }

    private static long longValue(Map<String, String> v, String key, long fallback) {
        String value = v.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static Duration duration(Map<String, String> v, String key) {
        String value = v.get(key).trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            return Duration.parse(value.startsWith("P") ? value : "PT" + value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    key + " must be a duration such as 3h, 90m, 5ms or PT45S, was '" + value + "'", e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }
}
