package io.montage.models.audio;

/**
 * Triangular mel filters over the bins of a real FFT, Slaney scale and Slaney norm (each filter
 * has unit area), as {@code librosa.filters.mel(sr, n_fft, n_mels)} defines them; Whisper ships
 * exactly these in {@code whisper/assets/mel_filters.npz}.
 *
 * <p>Most weights are zero: each filter covers only the bins between its neighbours' centres, so
 * {@link #apply} visits only that range.
 */
public final class MelFilterBank {

    private final int melBins;
    private final int frequencyBins;
    private final double[][] weights;
    private final int[] firstBin;
    private final int[] endBin;

    private MelFilterBank(double[][] weights) {
        this.melBins = weights.length;
        this.frequencyBins = weights[0].length;
        this.weights = weights;
        this.firstBin = new int[melBins];
        this.endBin = new int[melBins];
        for (int m = 0; m < melBins; m++) {
            int first = 0;
            while (first < frequencyBins && weights[m][first] == 0.0) {
                first++;
            }
            int end = frequencyBins;
            while (end > first && weights[m][end - 1] == 0.0) {
                end--;
            }
            firstBin[m] = first;
            endBin[m] = end;
        }
    }

    /** Whisper's filters: 16 kHz, n_fft 400, 0–8000 Hz (openai/whisper audio.py {@code mel_filters}). */
    public static MelFilterBank whisper(int melBins) {
        return slaney(WhisperLogMel.SAMPLE_RATE, WhisperLogMel.N_FFT, melBins, 0.0, WhisperLogMel.SAMPLE_RATE / 2.0);
    }

    /**
     * Filters whose edges are {@code melBins + 2} points equally spaced in mel between {@code minHz}
     * and {@code maxHz}; filter {@code m} rises from edge m to edge m+1 and falls to edge m+2, scaled
     * by {@code 2 / (edge[m+2] - edge[m])}.
     */
    public static MelFilterBank slaney(int sampleRate, int fftSize, int melBins, double minHz, double maxHz) {
        if (melBins < 1 || fftSize < 2 || sampleRate < 1 || minHz < 0 || maxHz <= minHz || maxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException(
                    "mel filter bank needs melBins >= 1, fftSize >= 2 and 0 <= minHz < maxHz <= "
                            + "sampleRate/2; got melBins=" + melBins + " fftSize=" + fftSize + " sampleRate="
                            + sampleRate
                            + " minHz=" + minHz + " maxHz=" + maxHz);
        }
        int frequencyBins = fftSize / 2 + 1;
        double[] edges = new double[melBins + 2];
        double minMel = SlaneyMelScale.hzToMel(minHz);
        double maxMel = SlaneyMelScale.hzToMel(maxHz);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = SlaneyMelScale.melToHz(minMel + (maxMel - minMel) * i / (edges.length - 1));
        }
        double[][] weights = new double[melBins][frequencyBins];
        for (int m = 0; m < melBins; m++) {
            double left = edges[m];
            double centre = edges[m + 1];
            double right = edges[m + 2];
            double areaNorm = 2.0 / (right - left);
            for (int k = 0; k < frequencyBins; k++) {
                double hz = (double) k * sampleRate / fftSize;
                double rising = (hz - left) / (centre - left);
                double falling = (right - hz) / (right - centre);
                weights[m][k] = Math.max(0.0, Math.min(rising, falling)) * areaNorm;
            }
        }
        return new MelFilterBank(weights);
    }

    public int melBins() {
        return melBins;
    }

    public int frequencyBins() {
        return frequencyBins;
    }

    public double weight(int melBin, int frequencyBin) {
        return weights[melBin][frequencyBin];
    }

    /** Mel energies of one power spectrum ({@code frequencyBins} values from {@code power[offset]}) into {@code out}. */
    void apply(double[] power, int offset, double[] out) {
        for (int m = 0; m < melBins; m++) {
            double[] row = weights[m];
            double sum = 0.0;
            for (int k = firstBin[m]; k < endBin[m]; k++) {
                sum += row[k] * power[offset + k];
            }
            out[m] = sum;
        }
    }
}
