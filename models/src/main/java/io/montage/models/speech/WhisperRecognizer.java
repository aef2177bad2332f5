package io.montage.models.speech;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.montage.models.audio.VoiceActivityDetector;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.DynamicBatcher;
import io.montage.models.batching.Timed;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.generation.SearchStrategy;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.store.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whisper (encoder + Optimum merged decoder, docs/model-exports.md §1) as a {@link SpeechRecognizer}. A clip is cut into
 * windows of at most 30 s around the speech the voice activity detector finds; the windows go through the
 * model's {@link DynamicBatcher}, so windows of one clip, of several clips and of concurrent callers share
 * encoder/decoder batches, and are stitched back with absolute times. A clip without speech gets an empty
 * transcript with {@link VoiceActivityDetector#NO_SPEECH_REASON} and never reaches the model.
 */
public final class WhisperRecognizer implements SpeechRecognizer {

    /** Whichever of these the model's files hold, in this order of preference (docs/model-exports.md §0.1 suffixes). */
    static final List<String> DECODER_FILES = List.of(
            "decoder_model_merged_quantized.onnx", "decoder_model_merged.onnx", "decoder_model_merged_fp16.onnx");

    static final String TOKENIZER_FILE = "tokenizer.json";
    static final String GENERATION_CONFIG_FILE = "generation_config.json";
    static final String PREPROCESSOR_CONFIG_FILE = "preprocessor_config.json";

    private final String modelId;
    private final ModelSession encoder;
    private final ModelSession decoder;
    private final WhisperTokenizer tokenizer;
    private final WhisperWindowDecoder windowDecoder;
    private final VoiceActivityDetector vad;
    private final DynamicBatcher<WindowRequest, WindowTranscript> batcher;
    private final WindowPlanner planner = new WindowPlanner(WindowDecoder.MAX_WINDOW_MICROS);
    private final TranscriptStitcher stitcher = new TranscriptStitcher();

    private WhisperRecognizer(Builder b, ModelSession encoder, ModelSession decoder, WhisperTokenizer tokenizer) {
        this.modelId = b.modelId;
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        WhisperDecodingSettings settings =
                WhisperDecodingSettings.fromGenerationConfig(b.generationConfig, tokenizer.tokens());
        if (b.search != null) {
            settings = settings.withSearch(b.search);
        }
        if (b.maxNewTokens > 0) {
            settings = settings.withMaxNewTokens(b.maxNewTokens);
        }
        if (b.fallback != null) {
            settings = settings.withFallback(b.fallback);
        }
        if (b.expectMultilingual != null
                && b.expectMultilingual == tokenizer.tokens().englishOnly()) {
            throw new IllegalArgumentException("model '" + modelId + "': the catalog says multilingual="
                    + b.expectMultilingual + " but its tokenizer.json has the "
                    + tokenizer.tokens().vocabulary() + " special ids (docs/model-exports.md §1.6)");
        }
        List<WhisperMelBins.Declared> declaredMelBins =
                new ArrayList<>(WhisperMelBins.fromPreprocessorConfig(b.preprocessorConfig));
        if (b.catalogMelBins != null) {
            declaredMelBins.add(new WhisperMelBins.Declared(b.catalogMelBins, "the catalog's melBins"));
        }
        this.windowDecoder = new WhisperWindowDecoder(
                encoder,
                new EncoderDecoderGenerator(new MergedDecoder(decoder)),
                tokenizer,
                settings,
                WhisperMelBins.resolve(modelId, encoder, declaredMelBins));
        if (b.warmUp) {
            windowDecoder.warmUp();
        }
        this.vad = b.vad;
        this.batcher = DynamicBatcher.create(modelId, new WhisperWindowTask(windowDecoder), b.batching, b.registry);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public WhisperTokens tokens() {
        return tokenizer.tokens();
    }

    public WindowDecoder windowDecoder() {
        return windowDecoder;
    }

    @Override
    public Transcription transcribe(float[] mono16k, TranscriptionOptions options) {
        return transcribeAll(List.of(mono16k), options).get(0);
    }

    @Override
    public List<Timed<Transcription>> transcribeAllTimed(List<float[]> clips, TranscriptionOptions options) {
        List<List<AudioWindow>> windowsByClip = new ArrayList<>();
        List<WindowRequest> pending = new ArrayList<>();
        for (float[] clip : clips) {
            List<AudioWindow> windows =
                    vad == null ? planner.cover(durationMicros(clip)) : planner.plan(vad.detect(clip));
            windowsByClip.add(windows);
            windows.forEach(w -> pending.add(new WindowRequest(w.samples(clip), options)));
        }
        List<Timed<WindowTranscript>> decoded = pending.isEmpty() ? List.of() : batcher.processAllTimed(pending);
        List<Timed<Transcription>> out = new ArrayList<>(clips.size());
        int next = 0;
        for (int c = 0; c < clips.size(); c++) {
            List<AudioWindow> windows = windowsByClip.get(c);
            List<Timed<WindowTranscript>> own = decoded.subList(next, next + windows.size());
            Transcription transcription =
                    stitcher.stitch(windows, own.stream().map(Timed::value).toList(), durationMicros(clips.get(c)));
            out.add(ClipTiming.of(transcription, own));
            next += windows.size();
        }
        return out;
    }

    static long durationMicros(float[] mono16k) {
        return mono16k.length * 1_000_000L / AudioWindow.SAMPLE_RATE;
    }

    /** Drains queued windows, then closes the sessions and tokenizer it opened; the voice activity detector belongs to the caller. */
    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            closeModels();
        }
    }

    private void closeModels() {
        try {
            decoder.close();
        } finally {
            try {
                encoder.close();
            } finally {
                tokenizer.close();
            }
        }
    }

    public static final class Builder {
        private String modelId = "whisper";
        private ModelRuntime runtime;
        private Path encoderFile;
        private ModelFiles files;
        private WhisperEncoderPrecision encoderPrecision = WhisperEncoderPrecision.AUTO;
        private Path decoderFile;
        private Path tokenizerFile;
        private Path generationConfig;
        private Path preprocessorConfig;
        private Integer catalogMelBins;
        private VoiceActivityDetector vad;
        /**
         * 8 windows a batch; a long request timeout because one batch of 30 s windows through a real model on CPU
         * takes seconds, not milliseconds.
         */
        private BatchingConfig batching = new BatchingConfig(8, Duration.ofMillis(5), 64, Duration.ofMinutes(5), 1);

        private MeterRegistry registry = Metrics.globalRegistry;
        private SearchStrategy search;
        private int maxNewTokens;
        private TemperatureFallback fallback;
        private Boolean expectMultilingual;
        private boolean warmUp = true;

        /** The cached files of a catalog model ({@code ModelStore.pull("whisper-base")}). */
        public Builder files(ModelFiles files) {
            this.modelId = files.spec().id();
            this.files = files;
            this.decoderFile = firstPresent(files, DECODER_FILES);
            this.tokenizerFile = files.path(TOKENIZER_FILE);
            this.generationConfig =
                    files.spec().file(GENERATION_CONFIG_FILE).isPresent() ? files.path(GENERATION_CONFIG_FILE) : null;
            this.preprocessorConfig =
                    files.spec().file(PREPROCESSOR_CONFIG_FILE).isPresent()
                            ? files.path(PREPROCESSOR_CONFIG_FILE)
                            : null;
            this.catalogMelBins =
                    files.spec().configValue("melBins").map(Integer::parseInt).orElse(null);
            this.expectMultilingual = files.spec()
                    .configValue("multilingual")
                    .map(Boolean::parseBoolean)
                    .orElse(null);
            return this;
        }

        public Builder modelId(String id) {
            this.modelId = Objects.requireNonNull(id);
            return this;
        }

        public Builder runtime(ModelRuntime r) {
            this.runtime = r;
            return this;
        }

        /**
         * Which encoder file of the model's files to run (default {@link WhisperEncoderPrecision#AUTO}: fp32 on the CPU,
         * fp16 on CUDA); ignored when {@link #encoder(Path)} names a file.
         */
        public Builder encoderPrecision(WhisperEncoderPrecision precision) {
            this.encoderPrecision = Objects.requireNonNull(precision);
            return this;
        }

        public Builder encoder(Path onnx) {
            this.encoderFile = onnx;
            return this;
        }

        /** The merged decoder ({@code decoder_model_merged*.onnx}). */
        public Builder decoder(Path onnx) {
            this.decoderFile = onnx;
            return this;
        }

        public Builder tokenizer(Path tokenizerJson) {
            this.tokenizerFile = tokenizerJson;
            return this;
        }

        /** Optional: suppress tokens, begin-suppress tokens, max initial timestamp, beams. */
        public Builder generationConfig(Path json) {
            this.generationConfig = json;
            return this;
        }

        /**
         * Optional: the model's preprocessor_config.json, whose {@code feature_size} says how many mel bins the encoder
         * reads; needed where the encoder declares that axis dynamic (exports made with Optimum before 1.18).
         */
        public Builder preprocessorConfig(Path json) {
            this.preprocessorConfig = json;
            return this;
        }

        /** Optional: the mel bins the catalog entry states (80, or 128 for large-v3); checked like preprocessor_config.json's. */
        public Builder melBins(int bins) {
            this.catalogMelBins = bins;
            return this;
        }

        /** Optional: without one, clips are cut into back-to-back 30 s windows and silence is left to Whisper's no-speech probability. */
        public Builder voiceActivityDetector(VoiceActivityDetector detector) {
            this.vad = detector;
            return this;
        }

        /** Most windows in one encoder/decoder batch. */
        public Builder maxWindowsPerBatch(int n) {
            this.batching = batching.withMaxBatchSize(n);
            return this;
        }

        public Builder batching(BatchingConfig config) {
            this.batching = Objects.requireNonNull(config);
            return this;
        }

        public Builder meterRegistry(MeterRegistry meters) {
            this.registry = Objects.requireNonNull(meters);
            return this;
        }

        public Builder search(SearchStrategy strategy) {
            this.search = strategy;
            return this;
        }

        /** Whether {@link #build()} runs one encoder pass and one decoder step before returning (default true). */
        public Builder warmUp(boolean on) {
            this.warmUp = on;
            return this;
        }

        /** Default {@link TemperatureFallback#openaiDefaults()}; {@link TemperatureFallback#off()} decodes each window once. */
        public Builder temperatureFallback(TemperatureFallback f) {
            this.fallback = Objects.requireNonNull(f);
            return this;
        }

        public Builder maxNewTokens(int n) {
            this.maxNewTokens = n;
            return this;
        }

        public WhisperRecognizer build() {
            Objects.requireNonNull(runtime, "runtime");
            Path encoderToOpen = encoderFile != null || files == null
                    ? encoderFile
                    : files.path(encoderPrecision.choose(
                            runtime.settings().device(),
                            n -> files.spec().file(n).isPresent(),
                            modelId));
            for (Path required : new Path[] {encoderToOpen, decoderFile, tokenizerFile}) {
                if (required == null || !Files.isRegularFile(required)) {
                    throw new IllegalArgumentException("model '" + modelId + "': missing file " + required
                            + " (encoder, merged decoder and tokenizer.json are needed); fetch them with: montage models pull "
                            + modelId);
                }
            }
            WhisperTokenizer tokenizer = WhisperTokenizer.open(tokenizerFile, modelId);
            ModelSession encoder = null;
            try {
                encoder = runtime.open(modelId + "/encoder", encoderToOpen, ModelRuntime.WarmUp.NONE);
                ModelSession decoder = runtime.open(modelId + "/decoder", decoderFile, ModelRuntime.WarmUp.NONE);
                try {
                    return new WhisperRecognizer(this, encoder, decoder, tokenizer);
                } catch (RuntimeException e) {
                    decoder.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                if (encoder != null) {
                    encoder.close();
                }
                tokenizer.close();
                throw e;
            }
        }

        private static Path firstPresent(ModelFiles files, List<String> names) {
            return names.stream()
                    .filter(n -> files.spec().file(n).isPresent())
                    .findFirst()
                    .map(files::path)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "model '" + files.spec().id() + "' lists none of " + names));
        }
    }
}
