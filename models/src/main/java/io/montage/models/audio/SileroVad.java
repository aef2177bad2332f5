package io.montage.models.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Silero VAD v5 on ONNX Runtime: a speech probability per 32 ms window (512 samples at 16 kHz),
 * turned into {@link SpeechSegment}s by {@link SpeechSegmenter}.
 *
 * <p>Model I/O (the v5 export): {@code input} float [B, N], {@code state} float [2, B, 128],
 * {@code sr} int64 scalar → {@code output} [B, 1], {@code stateN} [2, B, 128]. As Silero's own
 * wrapper does (utils_vad.py {@code OnnxWrapper}), each 512-sample window is fed with the 64 samples
 * before it as context (N = 576; zeros before the first window), and {@code stateN} is fed back as the
 * next window's {@code state}: both belong to one stream and start afresh for every clip. Several clips
 * run as one batch (B = clips), each with its own state row.
 *
 * <p>Thread-safe: the session is shared and every call keeps its own state. One session per instance,
 * closed by {@link #close()}.
 */
public final class SileroVad implements VoiceActivityDetector {

    /** The catalog's id of the v5 model. */
    public static final String MODEL_ID = "silero-vad-v5";
    /** The catalog's file name of the model. */
    public static final String MODEL_FILE = "silero_vad.onnx";

    public static final int SAMPLE_RATE = 16_000;
    /** utils_vad.py: 512 samples per window at 16 kHz (32 ms). */
    public static final int WINDOW_SAMPLES = 512;
    /** utils_vad.py OnnxWrapper: 64 samples of context before each window at 16 kHz. */
    static final int CONTEXT_SAMPLES = 64;
    /** The v5 recurrent state: [2, batch, 128]. */
    private static final int STATE_WIDTH = 128;

    private final ModelSession session;
    private final SpeechSegmenter segmenter;

    private SileroVad(ModelSession session, VadSettings settings) {
        this.session = session;
        this.segmenter = new SpeechSegmenter(settings, SAMPLE_RATE, WINDOW_SAMPLES);
    }

    /** Opens the model file on {@code runtime} and warms it up with one silent window. */
    public static SileroVad open(ModelRuntime runtime, Path onnxFile, VadSettings settings) {
        ModelSession session =
                runtime.open(MODEL_ID, onnxFile, s -> probabilities(s, List.of(new float[WINDOW_SAMPLES])));
        return new SileroVad(session, settings);
    }

    /**
     * Opens the model from the store's cache (it does not download).
     *
     * @throws ModelUnavailableException when the file is not cached; the message says how to pull it
     */
    public static SileroVad open(ModelRuntime runtime, ModelStore store, VadSettings settings)
            throws ModelUnavailableException {
        return open(runtime, store.resolve(MODEL_ID).path(MODEL_FILE), settings);
    }

    @Override
    public List<SpeechSegment> detect(float[] mono16k) {
        return segmenter.segments(speechProbabilities(mono16k), mono16k.length);
    }

    /** Segments of each clip, computed in one batch. */
    public List<List<SpeechSegment>> detectAll(List<float[]> clips) {
        List<float[]> probabilities = speechProbabilities(clips);
        var segments = new ArrayList<List<SpeechSegment>>(clips.size());
        for (int c = 0; c < clips.size(); c++) {
            segments.add(segmenter.segments(probabilities.get(c), clips.get(c).length));
        }
        return segments;
    }

    /** Probability of speech in each 512-sample window; the last, partial window is padded with zeros. */
    public float[] speechProbabilities(float[] mono16k) {
        return speechProbabilities(List.of(mono16k)).get(0);
    }

    /** Per-window probabilities of several clips, run as one batch; shorter clips are padded, the padding's windows dropped. */
    public List<float[]> speechProbabilities(List<float[]> clips) {
        try {
            return probabilities(session, clips);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "model '" + MODEL_ID + "' failed on a batch of " + clips.size() + " clip(s): " + e.getMessage(), e);
        }
    }

    private static List<float[]> probabilities(ModelSession session, List<float[]> clips) throws OrtException {
        int batch = clips.size();
        int steps = 0;
        var results = new ArrayList<float[]>(batch);
        for (float[] clip : clips) {
            int windows = (clip.length + WINDOW_SAMPLES - 1) / WINDOW_SAMPLES;
            results.add(new float[windows]);
            steps = Math.max(steps, windows);
        }
        OrtEnvironment env = session.environment();
        int inputWidth = CONTEXT_SAMPLES + WINDOW_SAMPLES;
        float[] input = new float[batch * inputWidth];
        float[] state = new float[2 * batch * STATE_WIDTH];
        try (OnnxTensor sampleRate = OnnxTensor.createTensor(env, (long) SAMPLE_RATE)) {
            for (int step = 0; step < steps; step++) {
                fillInput(clips, step, input, inputWidth);
                try (OnnxTensor inputTensor =
                                OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {batch, inputWidth});
                        OnnxTensor stateTensor = OnnxTensor.createTensor(
                                env, FloatBuffer.wrap(state), new long[] {2, batch, STATE_WIDTH});
                        OrtSession.Result result =
                                session.run(Map.of("input", inputTensor, "state", stateTensor, "sr", sampleRate))) {
                    FloatBuffer output = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                    ((OnnxTensor) result.get("stateN").orElseThrow())
                            .getFloatBuffer()
                            .get(state);
                    for (int c = 0; c < batch; c++) {
                        if (step < results.get(c).length) {
                            results.get(c)[step] = output.get(c);
                        }
                    }
                }
            }
        }
        return results;
    }

    /** Row c: the 64 samples before window {@code step} of clip c, then the window; zeros outside the clip. */
    private static void fillInput(List<float[]> clips, int step, float[] input, int inputWidth) {
        long windowStart = (long) step * WINDOW_SAMPLES;
        for (int c = 0; c < clips.size(); c++) {
            float[] clip = clips.get(c);
            int row = c * inputWidth;
            for (int j = 0; j < inputWidth; j++) {
                long index = windowStart - CONTEXT_SAMPLES + j;
                input[row + j] = index >= 0 && index < clip.length ? clip[(int) index] : 0f;
            }
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
