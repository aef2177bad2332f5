package io.montage.models.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * |STFT|² with a periodic Hann window, centred frames and reflect padding: what
 * {@code torch.stft(x, n_fft, hop, window=hann_window(n_fft), center=True, pad_mode="reflect")}
 * followed by {@code .abs() ** 2} computes for openai/whisper audio.py.
 *
 * <p>The FFT is JTransforms' rather than a hand-written one: it is maintained, handles any length
 * (400 is not a power of two) with mixed radices, and is fast. Doubles keep the weakest bins exact
 * enough that their log10 matches a float64 reference to 1e-4.
 *
 * <p>Not thread-safe (it reuses its frame buffer); one instance per thread.
 */
final class PowerSpectrogram {

    private final int fftSize;
    private final int hopLength;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double[] frame;

    PowerSpectrogram(int fftSize, int hopLength) {
        if (fftSize < 2 || fftSize % 2 != 0 || hopLength < 1) {
            throw new IllegalArgumentException(
                    "need an even fftSize >= 2 and hopLength >= 1, got " + fftSize + ", " + hopLength);
        }
        this.fftSize = fftSize;
        this.hopLength = hopLength;
        this.window = periodicHann(fftSize);
        this.fft = new DoubleFFT_1D(fftSize);
        this.frame = new double[fftSize];
    }

    int frequencyBins() {
        return fftSize / 2 + 1;
    }

    /** Frames a centred STFT of {@code samples} yields: 1 + length / hop. */
    int frameCount(int samples) {
        return 1 + samples / hopLength;
    }

    /**
     * Power spectra of the first {@code frames} frames, frame-major: {@code frequencyBins()} values per frame.
     *
     * @throws IllegalArgumentException when the signal is too short to reflect-pad (fewer than fftSize/2 + 1 samples)
     */
    double[] compute(float[] samples, int frames) {
        int half = fftSize / 2;
        if (samples.length <= half) {
            throw new IllegalArgumentException(
                    "reflect padding by " + half + " needs more than " + half + " samples, got " + samples.length);
        }
        int bins = frequencyBins();
        double[] power = new double[frames * bins];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - half;
            for (int n = 0; n < fftSize; n++) {
                frame[n] = samples[reflect(start + n, samples.length)] * window[n];
            }
            fft.realForward(frame);
            writePower(frame, power, t * bins);
        }
        return power;
    }

    /** Unpacks JTransforms' even-length realForward layout: a[0]=Re(0), a[1]=Re(n/2), a[2k]/a[2k+1]=Re/Im(k). */
    private void writePower(double[] packed, double[] power, int offset) {
        int half = fftSize / 2;
        power[offset] = packed[0] * packed[0];
        power[offset + half] = packed[1] * packed[1];
        for (int k = 1; k < half; k++) {
            double re = packed[2 * k];
            double im = packed[2 * k + 1];
            power[offset + k] = re * re + im * im;
        }
    }

    /** numpy/torch "reflect": mirror about the end samples without repeating them. */
    private static int reflect(int index, int length) {
        if (index < 0) {
            return -index;
        }
        if (index >= length) {
            return 2 * (length - 1) - index;
        }
        return index;
    }

    /** torch.hann_window(n, periodic=True): 0.5 - 0.5 cos(2πn/N), the window Whisper passes to torch.stft. */
    private static double[] periodicHann(int size) {
        double[] w = new double[size];
        for (int n = 0; n < size; n++) {
            w[n] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * n / size);
        }
        return w;
    }
}
