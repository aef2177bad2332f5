package io.montage.models.speech;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.audio.WhisperLogMel;
import io.montage.models.generation.EncoderDecoderGenerator;
import io.montage.models.generation.FloatTensors;
import io.montage.models.generation.GeneratedSequence;
import io.montage.models.generation.GenerationConfig;
import io.montage.models.generation.GenerationException;
import io.montage.models.generation.LogProbabilities;
import io.montage.models.generation.LogitsProcessor;
import io.montage.models.generation.SampledSearch;
import io.montage.models.generation.SuppressTokens;
import io.montage.models.generation.SuppressTokensAtBegin;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import io.montage.models.text.BatchExecution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Whisper on a batch of windows: log-mel, one encoder run, language detection per window (multilingual models
 * without a hint), then one generation over the whole batch with Whisper's prompt and logits rules.
 */
public final class WhisperWindowDecoder implements WindowDecoder {

    static final String INPUT_FEATURES = "input_features";

    private final ModelSession encoder;
    private final EncoderDecoderGenerator generator;
    private final WhisperTokenizer tokenizer;
    private final WhisperTokens tokens;
    private final WhisperLogMel logMel;
    private final WhisperDecodingSettings settings;
    private final TimestampSegmenter segmenter;
    private final BatchExecution execution;

    /**
     * @param melBins the mel bins the encoder reads ({@link WhisperMelBins}: the encoder's shape may leave the axis
     *                dynamic)
     */
    public WhisperWindowDecoder(
            ModelSession encoder,
            EncoderDecoderGenerator generator,
            WhisperTokenizer tokenizer,
            WhisperDecodingSettings settings,
            int melBins) {
        this.encoder = encoder;
        this.generator = generator;
        this.tokenizer = tokenizer;
        this.tokens = tokenizer.tokens();
        this.logMel = new WhisperLogMel(melBins);
        this.settings = settings;
        this.segmenter = new TimestampSegmenter(tokens);
        this.execution = BatchExecution.forSessions(encoder, generator.decoder().session());
        int vocabulary = generator.decoder().vocabulary();
        if (vocabulary > 0 && vocabulary <= tokens.lastTimestamp()) {
            throw new IllegalArgumentException(
                    "model '" + generator.decoder().session().modelId() + "': its logits cover " + vocabulary
                            + " ids but the tokenizer's last timestamp is " + tokens.lastTimestamp() + " ("
                            + tokens.vocabulary()
                            + "): tokenizer.json belongs to another model");
        }
    }

    /**
     * One encoder run on silence and one decoder step, so that the first real request does not pay for ONNX
     * Runtime's allocations (the generic zero-input warm-up cannot feed a merged decoder).
     */
    public void warmUp() {
        PreparedWindow silence =
                prepare(new WindowRequest(new float[AudioWindow.SAMPLE_RATE], TranscriptionOptions.defaults()));
        try (OnnxTensor features = features(List.of(silence));
                OrtSession.Result encoded = encoder.run(Map.of(INPUT_FEATURES, features))) {
            generator.promptLogits(
                    (OnnxTensor) encoded.get(0), List.<long[]>of(new long[] {tokens.startOfTranscript()}), 0);
        } catch (OrtException e) {
            throw new GenerationException("model '" + encoder.modelId() + "': warm-up failed: " + e.getMessage(), e);
        }
    }

    /** The encoder's {@code input_features} as it declares it. */
    TensorSpec encoderInput() {
        return encoder.inputs().get(INPUT_FEATURES);
    }

    public int melBins() {
        return logMel.melBins();
    }

    public WhisperTokens tokens() {
        return tokens;
    }

    /** PER_ITEM when the encoder or the decoder quantises dynamically. */
    BatchExecution execution() {
        return execution;
    }

    @Override
    public List<WindowTranscript> decode(List<float[]> windows, TranscriptionOptions options) {
        return decodePrepared(windows.stream()
                .map(w -> prepare(new WindowRequest(w, options)))
                .toList());
    }

    /** The per-window work that needs no model (log-mel), for the caller's thread. */
    PreparedWindow prepare(WindowRequest request) {
        float[] window = request.samples();
        if (window.length > WhisperLogMel.N_SAMPLES) {
            throw new IllegalArgumentException("a window has " + window.length + " samples; Whisper reads at most "
                    + WhisperLogMel.N_SAMPLES + " (30 s at 16 kHz)");
        }
        return new PreparedWindow(logMel.compute(window), windowMicros(window), request.options());
    }

    /**
     * Decodes prepared windows in one encoder batch; windows with different options share it but not a generation.
     * A dynamically quantised encoder or decoder gets one window per call instead, so that a window's transcript does
     * not depend on the windows batched with it.
     */
    List<WindowTranscript> decodePrepared(List<PreparedWindow> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        if (execution == BatchExecution.PER_ITEM && windows.size() > 1) {
            List<WindowTranscript> out = new ArrayList<>(windows.size());
            for (PreparedWindow window : windows) {
                out.add(decodeTogether(List.of(window)).get(0));
            }
            return out;
        }
        return decodeTogether(windows);
    }

    private List<WindowTranscript> decodeTogether(List<PreparedWindow> windows) {
        try (OnnxTensor features = features(windows);
                OrtSession.Result encoded = encoder.run(Map.of(INPUT_FEATURES, features))) {
            OnnxTensor states = (OnnxTensor) encoded.get(0);
            WindowTranscript[] out = new WindowTranscript[windows.size()];
            Map<TranscriptionOptions, List<Integer>> byOptions = new java.util.LinkedHashMap<>();
            for (int i = 0; i < windows.size(); i++) {
                byOptions
                        .computeIfAbsent(windows.get(i).options(), o -> new ArrayList<>())
                        .add(i);
            }
            for (var group : byOptions.entrySet()) {
                List<Integer> rows = group.getValue();
                if (rows.size() == windows.size()) {
                    generate(states, windows, rows, group.getKey(), out);
                } else {
                    try (OnnxTensor subset = FloatTensors.rows(encoder.environment(), states, rows)) {
                        generate(subset, windows, rows, group.getKey(), out);
                    }
                }
            }
            return List.of(out);
        } catch (OrtException e) {
            throw new GenerationException(
                    "model '" + encoder.modelId() + "': encoder failed on " + windows.size() + " windows: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * One generation over the rows at the first temperature, then {@link TemperatureFallback}: each row whose decode
     * loops or scores low is decoded again alone at the next temperature, until one passes or none is left.
     */
    private void generate(
            OnnxTensor states,
            List<PreparedWindow> windows,
            List<Integer> rows,
            TranscriptionOptions options,
            WindowTranscript[] out)
            throws OrtException {
        List<LanguageDetection> languages = languages(states, rows.size(), options);
        List<long[]> prompts = new ArrayList<>();
        for (LanguageDetection language : languages) {
            prompts.add(WhisperPrompt.of(tokens, language.language(), options.task(), options.timestamps()));
        }
        GenerationConfig config = config(options, prompts.get(0).length);
        TemperatureFallback fallback = settings.fallback();
        double[] temperatures = fallback.temperatures();
        List<GeneratedSequence> first = temperatures[0] == 0 ? generator.generate(states, prompts, config) : null;
        for (int i = 0; i < rows.size(); i++) {
            PreparedWindow window = windows.get(rows.get(i));
            GeneratedSequence sequence = first != null
                    ? first.get(i)
                    : decodeAlone(states, i, prompts.get(i), config, temperatures[0], window);
            WindowTranscript transcript = transcript(
                    sequence, languages.get(i), window.durationMicros(), temperatures[0], options.timestamps());
            for (int t = 1;
                    t < temperatures.length
                            && fallback.needsFallback(
                                    transcript.compressionRatio(), transcript.avgLogProb(), transcript.noSpeechProb());
                    t++) {
                sequence = decodeAlone(states, i, prompts.get(i), config, temperatures[t], window);
                transcript = transcript(
                        sequence, languages.get(i), window.durationMicros(), temperatures[t], options.timestamps());
            }
            out[rows.get(i)] = transcript;
        }
    }

    /**
     * Row {@code row} alone: sampled above temperature 0 with a seed from the window's log-mel, so the same audio gives
     * the same transcript whatever it was batched with.
     */
    private GeneratedSequence decodeAlone(
            OnnxTensor states,
            int row,
            long[] prompt,
            GenerationConfig config,
            double temperature,
            PreparedWindow window)
            throws OrtException {
        GenerationConfig at = temperature == 0
                ? config
                : config.withSearch(new SampledSearch(
                        temperature, Arrays.hashCode(window.logMel()) * 31L + Double.hashCode(temperature)));
        try (OnnxTensor one = FloatTensors.rows(encoder.environment(), states, List.of(row))) {
            return generator.generate(one, List.<long[]>of(prompt), at).get(0);
        }
    }

    private OnnxTensor features(List<PreparedWindow> windows) throws OrtException {
        int frame = logMel.melBins() * WhisperLogMel.N_FRAMES;
        float[] batch = new float[windows.size() * frame];
        for (int i = 0; i < windows.size(); i++) {
            System.arraycopy(windows.get(i).logMel(), 0, batch, i * frame, frame);
        }
        return FloatTensors.create(
                encoder.environment(), encoder.inputs().get(INPUT_FEATURES).type(), batch, new long[] {
                    windows.size(), logMel.melBins(), WhisperLogMel.N_FRAMES
                });
    }

    private List<LanguageDetection> languages(OnnxTensor states, int count, TranscriptionOptions options) {
        if (tokens.englishOnly() || options.languageHint() != null) {
            String language = tokens.englishOnly() ? "en" : options.languageHint();
            return Collections.nCopies(count, new LanguageDetection(language, 1.0));
        }
        List<long[]> startOnly = Collections.nCopies(count, new long[] {tokens.startOfTranscript()});
        return generator.promptLogits(states, startOnly, 0).stream()
                .map(l -> LanguageDetection.fromLogits(l, tokens))
                .toList();
    }

    GenerationConfig config(TranscriptionOptions options, int promptLength) {
        List<LogitsProcessor> processors = new ArrayList<>();
        processors.add(new SuppressTokensAtBegin(settings.beginSuppressTokens()));
        processors.add(new SuppressTokens(settings.suppressTokens()));
        // openai/whisper decoding.py _get_suppress_tokens: the task and control tokens are never sampled
        processors.add(new SuppressTokens(new long[] {
            tokens.transcribe(),
            tokens.translate(),
            tokens.startOfTranscript(),
            tokens.startOfPrev(),
            tokens.startOfLm(),
            tokens.noSpeech()
        }));
        // openai/whisper decoding.py applies ApplyTimestampRules only with timestamps; without them it forbids nothing
        // more, and only puts <|notimestamps|> in the prompt (WhisperPrompt)
        if (options.timestamps()) {
            processors.add(new WhisperTimestampRules(tokens, settings.maxInitialTimestampIndex()));
        }
        int maxNew = Math.min(settings.maxNewTokens(), WhisperDecodingSettings.MAX_TARGET_POSITIONS - promptLength);
        return new GenerationConfig(
                settings.search(), maxNew, tokens.endOfText(), tokens.endOfText(), processors, true, 0);
    }

    private WindowTranscript transcript(
            GeneratedSequence sequence,
            LanguageDetection language,
            long windowMicros,
            double temperature,
            boolean timestamps) {
        float[] atStart = sequence.promptLogits();
        double noSpeech =
                Math.exp(atStart[(int) tokens.noSpeech()] - LogProbabilities.logSumExp(atStart, 0, atStart.length));
        double avgLogProb = avgLogProb(sequence);
        List<TranscribedSegment> segments = new ArrayList<>();
        for (WindowSegment s : segments(sequence.tokens(), windowMicros, timestamps)) {
            String text = tokenizer.decodeText(s.textTokens()).strip();
            if (!text.isEmpty()) {
                segments.add(new TranscribedSegment(s.startMicros(), s.endMicros(), text, avgLogProb, noSpeech));
            }
        }
        double compressionRatio =
                TextCompressionRatio.of(tokenizer.decodeText(sequence.tokens()).strip());
        return new WindowTranscript(
                segments,
                language.language(),
                language.probability(),
                noSpeech,
                avgLogProb,
                temperature,
                compressionRatio);
    }

    /**
     * With timestamps, the segments the timestamp tokens delimit; without, the window as one segment: a timestamp
     * the model writes anyway (nothing forbids it) is left out of the text and does not cut the window.
     */
    private List<WindowSegment> segments(long[] generated, long windowMicros, boolean timestamps) {
        if (timestamps) {
            return segmenter.split(generated, windowMicros);
        }
        long[] text = Arrays.stream(generated).filter(tokens::isText).toArray();
        return text.length == 0 ? List.of() : List.of(new WindowSegment(0, windowMicros, text));
    }

    /**
     * openai/whisper decoding.py: {@code sum_logprob / (len(tokens) + 1)}, whether or not the decode ended with
     * {@code <|endoftext|>} (tokens exclude it; the sum includes its log-probability when it was chosen).
     */
    static double avgLogProb(GeneratedSequence sequence) {
        return sequence.sumLogProb() / (sequence.tokens().length + 1);
    }

    private static long windowMicros(float[] window) {
        return Math.max(1, window.length * 1_000_000L / AudioWindow.SAMPLE_RATE);
    }
}
