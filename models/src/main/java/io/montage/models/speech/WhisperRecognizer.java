package io.montage.models.speech;

import io.montage.models.audio.VoiceActivityDetector;
import io.montage.models.audio.WhisperLogMel;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.batching.DynamicBatcher;
import io.montage.models.batching.Timed;
import io.montage.models.catalog.ConfigConstants;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.MergedDecoder;
import io.montage.models.generation.SearchStrategy;
import io.montage.models.runtime.ModelOptions;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.ModelSetup;
import io.montage.models.runtime.OwnedResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whisper (encoder + Optimum merged decoder, docs/model-exports.md §1) as a {@link SpeechRecognizer}. A clip is cut into
 * windows of at most 30 s around the speech the voice activity detector finds; the windows go through the
 * model's {@link DynamicBatcher}, so windows of one clip, of several clips and of concurrent callers share
 * encoder/decoder batches, and are stitched back with absolute times. A clip without speech gets an empty
 * transcript with {@link VoiceActivityDetector#NO_SPEECH_REASON} and never reaches the model.
 */
public final class WhisperRecognizer implements SpeechRecognizer {

    private final String modelId;
    private final WhisperTokenizer tokenizer;
    private final WhisperWindowDecoder windowDecoder;
    private final VoiceActivityDetector vad;
    private final DynamicBatcher<WindowRequest, WindowTranscript> batcher;
    private final OwnedResources resources;
    private final WindowPlanner planner = new WindowPlanner(WindowDecoder.MAX_WINDOW_MICROS);
    private final TranscriptStitcher stitcher = new TranscriptStitcher();

    private WhisperRecognizer(
            Builder b,
            ModelSetup setup,
            WhisperFiles files,
            ModelSession encoder,
            ModelSession decoder,
            WhisperTokenizer tokenizer,
            OwnedResources opening) {
        this.modelId = files.modelId();
        this.tokenizer = tokenizer;
        WhisperDecodingSettings settings =
                WhisperDecodingSettings.fromGenerationConfig(files.generationConfig(), tokenizer.tokens());
        if (b.search != null) {
            settings = settings.withSearch(b.search);
        }
        if (b.maxNewTokens > 0) {
            settings = settings.withMaxNewTokens(b.maxNewTokens);
        }
        if (b.fallback != null) {
            settings = settings.withFallback(b.fallback);
        }
        if (files.expectMultilingual() != null
                && files.expectMultilingual() == tokenizer.tokens().englishOnly()) {
            throw new IllegalArgumentException("model '" + modelId + "': the catalog says multilingual="
                    + files.expectMultilingual() + " but its tokenizer.json has the "
                    + tokenizer.tokens().vocabulary() + " special ids (docs/model-exports.md §1.6)");
        }
        ConfigConstants.require(modelId, files.preprocessorConfig(), WhisperLogMel.preprocessorConstants());
        ConfigConstants.require(modelId, files.generationConfig(), generationConstants(tokenizer.tokens()));
        List<WhisperMelBins.Declared> declaredMelBins =
                new ArrayList<>(WhisperMelBins.fromPreprocessorConfig(files.preprocessorConfig()));
        if (files.melBins() != null) {
            declaredMelBins.add(new WhisperMelBins.Declared(files.melBins(), "the catalog's melBins"));
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
        BatchingConfig batching = b.maxWindowsPerBatch == null
                ? setup.batching()
                : setup.batching().withMaxBatchSize(b.maxWindowsPerBatch);
        this.batcher = opening.add(
                DynamicBatcher.create(modelId, new WhisperWindowTask(windowDecoder), batching, setup.registry()));
        this.resources = opening.handOver();
    }

    /**
     * The special ids generation_config.json must agree on with the tokenizer Montage reads them from:
     * a file of another export would otherwise start, stop or drop timestamps on the wrong token.
     */
    private static Map<String, double[]> generationConstants(WhisperTokens tokens) {
        return Map.of(
                "decoder_start_token_id", ConfigConstants.of(tokens.startOfTranscript()),
                "eos_token_id", ConfigConstants.of(tokens.endOfText()),
                "no_timestamps_token_id", ConfigConstants.of(tokens.noTimestamps()));
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
        resources.close();
    }

    /**
     * The options every model takes ({@link ModelOptions}: files, runtime, batching, meters) and
     * Whisper's own. Batching defaults to 8 windows a batch with a long request timeout, because one
     * batch of 30 s windows through a real model on CPU takes seconds, not milliseconds.
     */
    public static final class Builder extends ModelOptions<Builder> {
        private WhisperEncoderPrecision encoderPrecision = WhisperEncoderPrecision.AUTO;
        private Path encoderFile;
        private Path preprocessorConfig;
        private Integer melBins;
        private VoiceActivityDetector vad;
        private Integer maxWindowsPerBatch;
        private SearchStrategy search;
        private int maxNewTokens;
        private TemperatureFallback fallback;
        private boolean warmUp = true;

        private Builder() {
            super(new BatchingConfig(8, Duration.ofMillis(5), 64, Duration.ofMinutes(5), 1));
        }

        /**
         * Which encoder file of the model's files to run (default {@link WhisperEncoderPrecision#AUTO}: fp32 on the CPU,
         * fp16 on CUDA); ignored when {@link #encoder(Path)} names a file.
         */
        public Builder encoderPrecision(WhisperEncoderPrecision precision) {
            this.encoderPrecision = Objects.requireNonNull(precision);
            return this;
        }

        /** Optional: an encoder file to run instead of the one the files and precision choose. */
        public Builder encoder(Path onnx) {
            this.encoderFile = onnx;
            return this;
        }

        /**
         * Optional: the model's preprocessor_config.json where the files do not list one; its {@code feature_size}
         * says how many mel bins the encoder reads, needed where the encoder declares that axis dynamic (exports
         * made with Optimum before 1.18).
         */
        public Builder preprocessorConfig(Path json) {
            this.preprocessorConfig = json;
            return this;
        }

        /** Optional: the mel bins (80, or 128 for large-v3) where the catalog entry does not state them; checked like preprocessor_config.json's. */
        public Builder melBins(int bins) {
            this.melBins = bins;
            return this;
        }

        /** Optional: without one, clips are cut into back-to-back 30 s windows and silence is left to Whisper's no-speech probability. */
        public Builder voiceActivityDetector(VoiceActivityDetector detector) {
            this.vad = detector;
            return this;
        }

        /** Most windows in one encoder/decoder batch; overrides the batching's maximum batch size. */
        public Builder maxWindowsPerBatch(int n) {
            this.maxWindowsPerBatch = n;
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
            ModelSetup setup = setup("whisper-base");
            WhisperFiles files = WhisperFiles.of(
                    setup.files(), setup.runtime(), encoderPrecision, encoderFile, preprocessorConfig, melBins);
            try (OwnedResources opening = new OwnedResources("model '" + files.modelId() + "'")) {
                WhisperTokenizer tokenizer = opening.add(WhisperTokenizer.open(files.tokenizer(), files.modelId()));
                ModelSession encoder = opening.add(
                        setup.runtime().open(files.modelId() + "/encoder", files.encoder(), ModelRuntime.WarmUp.NONE));
                ModelSession decoder = opening.add(
                        setup.runtime().open(files.modelId() + "/decoder", files.decoder(), ModelRuntime.WarmUp.NONE));
                return new WhisperRecognizer(this, setup, files, encoder, decoder, tokenizer, opening);
            }
        }
    }
}
