package io.montage.models.audio;

import java.util.Arrays;
import java.util.Map;

/**
 * Whisper's log-mel spectrogram of one 30 s window, as openai/whisper audio.py
 * ({@code pad_or_trim} then {@code log_mel_spectrogram}) computes it: the input of every Whisper
 * encoder export ({@code input_features} [1, n_mels, 3000]).
 *
 * <p>Pad or truncate to 480 000 samples; power STFT (periodic Hann 400, hop 160, centred, reflect
 * padding); drop the last frame, leaving 3000; Slaney mel filters; {@code log10(max(mel, 1e-10))};
 * clamp to the window's global maximum − 8; {@code (x + 4) / 4}.
 *
 * <p>Not thread-safe (buffers are reused); create one per thread, it is cheap.
 */
public final class WhisperLogMel {

    /** openai/whisper audio.py SAMPLE_RATE. */
    public static final int SAMPLE_RATE = 16_000;
    /** openai/whisper audio.py N_FFT. */
    public static final int N_FFT = 400;
    /** openai/whisper audio.py HOP_LENGTH: 10 ms. */
    public static final int HOP_LENGTH = 160;
    /** openai/whisper audio.py N_SAMPLES: CHUNK_LENGTH (30 s) × SAMPLE_RATE. */
    public static final int N_SAMPLES = 480_000;
    /** openai/whisper audio.py N_FRAMES: N_SAMPLES / HOP_LENGTH. */
    public static final int N_FRAMES = 3_000;
    /** Mel bins of every Whisper up to large-v2 (preprocessor_config.json feature_size). */
    public static final int MEL_BINS_DEFAULT = 80;
    /** Mel bins of large-v3 and large-v3-turbo. */
    public static final int MEL_BINS_LARGE_V3 = 128;

    /**
     * What a Whisper preprocessor_config.json must say for this spectrogram to be the model's input
     * (feature_size, the mel bins, is checked against the encoder by the recogniser).
     */
    public static Map<String, double[]> preprocessorConstants() {
        return Map.of(
                "sampling_rate", new double[] {SAMPLE_RATE},
                "n_fft", new double[] {N_FFT},
                "hop_length", new double[] {HOP_LENGTH},
                "n_samples", new double[] {N_SAMPLES},
                "nb_max_frames", new double[] {N_FRAMES},
                "chunk_length", new double[] {N_SAMPLES / SAMPLE_RATE});
    }

    /** log10 floor in audio.py: {@code torch.clamp(mel_spec, min=1e-10)}. */
    private static final double POWER_FLOOR = 1e-10;
    /** audio.py keeps 8 decades (80 dB) below the loudest bin of the window. */
    private static final double DYNAMIC_RANGE_DECADES = 8.0;

    private final MelFilterBank filters;
    private final PowerSpectrogram spectrogram = new PowerSpectrogram(N_FFT, HOP_LENGTH);
    private final float[] window = new float[N_SAMPLES];
    private final double[] mel;

    /** @param melBins 80 (Whisper tiny … large-v2) or 128 (large-v3, turbo) */
    public WhisperLogMel(int melBins) {
        if (melBins != MEL_BINS_DEFAULT && melBins != MEL_BINS_LARGE_V3) {
            throw new IllegalArgumentException(
                    "Whisper models use 80 or 128 mel bins (preprocessor_config.json feature_size), got " + melBins);
        }
        this.filters = MelFilterBank.whisper(melBins);
        this.mel = new double[melBins];
    }

    public int melBins() {
        return filters.melBins();
    }

    public MelFilterBank filters() {
        return filters;
    }

    /**
     * @param samples 16 kHz mono PCM in [-1, 1]; only the first 30 s are used, shorter input is padded with zeros
     * @return {@code melBins × 3000} values, mel-major (row m holds frames 0..2999 of mel bin m)
     */
    public float[] compute(float[] samples) {
        int used = Math.min(samples.length, N_SAMPLES);
        System.arraycopy(samples, 0, window, 0, used);
        Arrays.fill(window, used, N_SAMPLES, 0f);
        // A centred STFT of 480000 samples has 3001 frames; audio.py drops the last one (stft[..., :-1]).
        double[] power = spectrogram.compute(window, N_FRAMES);
        int bins = spectrogram.frequencyBins();
        int melBins = filters.melBins();
        double[] logMel = new double[melBins * N_FRAMES];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < N_FRAMES; t++) {
            filters.apply(power, t * bins, mel);
            for (int m = 0; m < melBins; m++) {
                double value = Math.log10(Math.max(mel[m], POWER_FLOOR));
                logMel[m * N_FRAMES + t] = value;
                max = Math.max(max, value);
            }
        }
        double floor = max - DYNAMIC_RANGE_DECADES;
        float[] features = new float[logMel.length];
        for (int i = 0; i < logMel.length; i++) {
            features[i] = (float) ((Math.max(logMel[i], floor) + 4.0) / 4.0);
        }
        return features;
    }
}
