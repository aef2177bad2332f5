package io.montage.topology.config;

import static io.montage.topology.config.MontageConfig.*;

import io.montage.models.media.MediaLimits;
import io.montage.models.speech.TemperatureFallback;
import io.montage.models.speech.WhisperEncoderPrecision;
import io.montage.models.store.ModelStore;
import io.montage.models.video.SceneRules;
import io.montage.processors.moderation.MatchThresholds;
import io.montage.processors.stage.StageId;
import io.montage.processors.video.SceneSettings;
import io.montage.processors.video.SceneTranscriptSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads {@link MontageSettings} from, in increasing precedence: the defaults declared in
 * {@link MontageConfig}, a properties file, environment variables, and command-line overrides. A
 * setting's environment variable is its name upper-cased with dots and dashes as underscores
 * ({@code bootstrap.servers} → {@code BOOTSTRAP_SERVERS}, {@code montage.topic.prefix} →
 * {@code MONTAGE_TOPIC_PREFIX}), the convention of Kafka's own container images. Keys outside
 * {@code montage.*} that Montage does not know are passed to Kafka as they are, so security and
 * tuning settings need no Montage option; an unknown {@code montage.*} key is refused, since it is
 * a typo that would otherwise be ignored without a word.
 */
public final class SettingsLoader {

    private SettingsLoader() {}

    /**
     * @param file      a properties file, or null
     * @param env       the environment (System.getenv() in production)
     * @param overrides command-line settings, highest precedence
     * @throws IllegalArgumentException naming the setting, its value and what it must be
     */
    public static MontageSettings load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (String key : MontageConfig.allNames()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv);
            }
        }
        values.putAll(overrides);
        values.replaceAll((key, value) -> value.trim());
        // An empty Montage setting is an unset one, as a blank environment variable is; an empty Kafka
        // setting stays (ssl.endpoint.identification.algorithm= turns host name checks off).
        Set<String> known = Set.copyOf(MontageConfig.allNames());
        values.entrySet()
                .removeIf(e -> known.contains(e.getKey()) && e.getValue().isEmpty());
        refuseUnknownMontageKeys(values.keySet());
        try {
            return from(new MontageConfig(values));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void refuseUnknownMontageKeys(Set<String> keys) {
        Set<String> known = Set.copyOf(MontageConfig.allNames());
        for (String key : keys) {
            if (key.startsWith("montage.") && !known.contains(key)) {
                String hint = key.startsWith(STAGE_PREFIX)
                        ? "per-stage settings are " + STAGE_PREFIX + "<stage>." + String.join("|", PER_STAGE.names())
                                + " for the stages " + ALL_STAGES
                        : "./montage settings lists every setting";
                throw new IllegalArgumentException("unknown setting " + key + "; " + hint);
            }
        }
    }

    private static MontageSettings from(MontageConfig c) {
        Path dataDir = Path.of(c.getString(DATA_DIR));
        int streamThreads = Optional.ofNullable(c.getInt(STREAM_THREADS))
                .orElse(Math.max(2, Runtime.getRuntime().availableProcessors()));
        int batchMaxSize = c.getInt(BATCH_MAX_SIZE);
        Duration batchMaxDelay = duration(c, BATCH_MAX_DELAY);
        Map<String, String> kafka = new HashMap<>();
        c.originalsStrings().forEach((key, value) -> {
            if (!CONFIG.names().contains(key) && !key.startsWith("montage.")) {
                kafka.put(key, value);
            }
        });
        return new MontageSettings(
                optional(c, BOOTSTRAP_SERVERS),
                optional(c, SCHEMA_REGISTRY_URL),
                c.getString(APPLICATION_ID),
                c.getString(TOPIC_PREFIX),
                dataDir,
                optional(c, INSTANCE_ID).orElseGet(() -> InstanceId.of(dataDir)),
                c.getInt(PARTITIONS),
                c.getShort(REPLICATION_FACTOR),
                streamThreads,
                c.getString(PROCESSING_GUARANTEE).toLowerCase(Locale.ROOT),
                new MediaLimits(
                        c.getLong(MediaLimits.MAX_BYTES_KEY),
                        c.getLong(MediaLimits.MAX_PIXELS_KEY),
                        duration(c, MediaLimits.MAX_DURATION_KEY)),
                c.getInt(INLINE_MAX_BYTES),
                c.getInt(OUTPUT_INLINE_MAX_BYTES),
                optional(c, BLOB_DIR).map(Path::of).orElse(dataDir.resolve("blobs")),
                Set.copyOf(c.getList(HTTP_ALLOWED_HOSTS)),
                c.getInt(DEAD_LETTER_MAX_ORIGINAL_BYTES),
                c.getString(HTTP_HOST),
                c.getInt(HTTP_PORT),
                new MontageSettings.WebViewSettings(c.getBoolean(WEB_ENABLED), c.getInt(WEB_RECENT_UPLOADS)),
                new MontageSettings.EmbeddedServices(
                        c.getString(EMBEDDED_HOST),
                        c.getInt(EMBEDDED_KAFKA_PORT),
                        c.getInt(EMBEDDED_CONTROLLER_PORT),
                        c.getInt(EMBEDDED_REGISTRY_PORT),
                        optional(c, EMBEDDED_REGISTRY_USERS_FILE).map(Path::of),
                        c.getBoolean(EMBEDDED_REGISTRY_READ_ONLY),
                        c.getInt(EMBEDDED_REGISTRY_MAX_REQUEST_BYTES)),
                new MontageSettings.ModelSettings(
                        optional(c, MODELS_CACHE_DIR).map(Path::of).orElseGet(ModelStore::defaultCacheDirectory),
                        c.getBoolean(MODELS_OFFLINE),
                        c.getString(DEVICE),
                        c.getBoolean(REQUIRE_ALL),
                        c.getString(TEXT_EMBEDDING_MODEL),
                        batchMaxSize,
                        batchMaxDelay,
                        c.getInt(ONNX_INTRA_OP_THREADS),
                        c.getBoolean(ONNX_SPINNING),
                        c.getBoolean(ONNX_CPU_ARENA),
                        c.getList(STAGES).stream()
                                .map(s -> s.toLowerCase(Locale.ROOT))
                                .collect(Collectors.toUnmodifiableSet()),
                        List.of(c.getString(IMAGE_LABELS).split("\\|")).stream()
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList(),
                        c.getString(CAPTION_MODEL),
                        c.getString(CAPTION_TASK),
                        c.getString(IMAGE_EMBEDDING_MODEL),
                        optional(c, MODELS_CATALOG).map(Path::of),
                        c.getString(SPEECH_MODEL),
                        speechFallback(c),
                        WhisperEncoderPrecision.parse(c.getString(SPEECH_ENCODER)),
                        c.getInt(CAPTION_MAX_NEW_TOKENS)),
                stageSettings(c, streamThreads, batchMaxSize, batchMaxDelay),
                Map.copyOf(kafka),
                new MatchThresholds(
                        c.getInt(MATCH_PDQ_MAX_DISTANCE),
                        c.getInt(MATCH_PDQ_MIN_QUALITY),
                        c.getDouble(MATCH_EMBEDDING_MAX_DISTANCE)),
                scenes(c),
                new SceneTranscriptSettings(positive(SCENE_TRANSCRIPTS_WAIT, duration(c, SCENE_TRANSCRIPTS_WAIT))),
                c.getBoolean(VISION_LIVE_FRAMES),
                new MontageSettings.SearchSettings(c.getBoolean(SEARCH_ENABLED), c.getInt(SEARCH_CANDIDATES)));
    }

    private static SceneSettings scenes(MontageConfig c) {
        return new SceneSettings(
                c.getDouble(SCENES_FPS),
                SceneRules.of(
                        c.getDouble(SCENES_THRESHOLD),
                        c.getDouble(SCENES_CLIP_THRESHOLD),
                        duration(c, SCENES_MIN_LENGTH),
                        duration(c, SCENES_GRACE)),
                positive(SCENES_IDLE_TIMEOUT, duration(c, SCENES_IDLE_TIMEOUT)),
                SceneSettings.Signal.valueOf(c.getString(SCENES_SIGNAL).toUpperCase(Locale.ROOT)),
                notNegative(SCENES_TEXT_INTERVAL, duration(c, SCENES_TEXT_INTERVAL)),
                notNegative(SCENES_LIVE_UPDATE_INTERVAL, duration(c, SCENES_LIVE_UPDATE_INTERVAL)),
                notNegative(SCENES_LIVE_WINDOW, duration(c, SCENES_LIVE_WINDOW)));
    }

    private static Duration notNegative(String key, Duration value) {
        if (value.isNegative()) {
            throw new ConfigException(key, value.toString(), "must be zero (off) or longer");
        }
        return value;
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, value.toString(), "must be longer than zero");
        }
        return value;
    }

    /**
     * Each stage's threads and batching; defaults: the probe takes {@code montage.stream.threads}
     * (decoding parallelises across threads), as does the scene-transcripts stage (a join in its
     * stores, no model to wait on); a model stage one thread per partition, so that every
     * task can wait on the model while the others read their next records, fill their batches, write
     * results and commit — the model CPU budget keeps their model runs from oversubscribing the cores,
     * and a GPU always has the next batch queued (measured on 2 cores: OCR through Kafka 1.21x its
     * in-process time per image with one thread, 0.97x with four; the GPU-shaped benchmark model 0.56
     * of its best batched throughput with two threads, 0.72 with four); batching from
     * {@code montage.batch.*}.
     */
    private static Map<String, StageSettings> stageSettings(
            MontageConfig c, int streamThreads, int batchMaxSize, Duration batchMaxDelay) {
        Map<String, StageSettings> settings = new LinkedHashMap<>();
        for (StageId stage : StageId.values()) {
            String prefix = STAGE_PREFIX + stage.id() + ".";
            AbstractConfig own = new AbstractConfig(MontageConfig.stageConfig(stage.id()), c.originals(), false);
            int defaultThreads =
                    stage == StageId.PROBE || stage == StageId.SCENE_TRANSCRIPTS ? streamThreads : c.getInt(PARTITIONS);
            settings.put(
                    stage.id(),
                    new StageSettings(
                            Optional.ofNullable(own.getInt(prefix + STAGE_THREADS))
                                    .orElse(defaultThreads),
                            Optional.ofNullable(own.getInt(prefix + STAGE_BATCH_MAX_SIZE))
                                    .orElse(batchMaxSize),
                            Optional.ofNullable(own.getString(prefix + STAGE_BATCH_MAX_DELAY))
                                    .map(text -> DurationSetting.parse(prefix + STAGE_BATCH_MAX_DELAY, text))
                                    .orElse(batchMaxDelay)));
        }
        return Map.copyOf(settings);
    }

    /** openai/whisper transcribe.py's defaults, each replaceable by its montage.transcribe.* setting. */
    private static TemperatureFallback speechFallback(MontageConfig c) {
        TemperatureFallback openai = TemperatureFallback.openaiDefaults();
        return new TemperatureFallback(
                openai.withTemperatures(c.getString(SPEECH_TEMPERATURES)).temperatures(),
                c.getDouble(SPEECH_COMPRESSION_RATIO_THRESHOLD),
                c.getDouble(SPEECH_LOGPROB_THRESHOLD),
                openai.noSpeechThreshold());
    }

    private static Optional<String> optional(MontageConfig c, String key) {
        return Optional.ofNullable(c.getString(key));
    }

    private static Duration duration(MontageConfig c, String key) {
        return DurationSetting.parse(key, c.getString(key));
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
