#!/usr/bin/python3
"""Independent numpy reference of Whisper's log-mel spectrogram, for Montage's Java tests.

Written from the algorithm as openai/whisper audio.py (log_mel_spectrogram, pad_or_trim) and
librosa.filters.mel (Slaney scale, Slaney norm) define it, not from Montage's Java code; numpy and
the standard library only (Debian: apt-get install python3-numpy, run with /usr/bin/python3).

  logmel_reference.py IN.wav OUT.npz        writes logmel_80 and logmel_128, float32 [n_mels, 3000]
  logmel_reference.py --time REPEATS IN.wav  prints the mean milliseconds for one 30 s window (80 bins)
"""
import sys
import time
import wave

import numpy as np

SAMPLE_RATE = 16000
N_FFT = 400
HOP_LENGTH = 160
N_SAMPLES = 30 * SAMPLE_RATE


def read_wav_mono16(path):
    with wave.open(path, "rb") as w:
        if w.getframerate() != SAMPLE_RATE or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise SystemExit(f"{path}: need 16 kHz mono 16-bit PCM")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float64) / 32768.0


def hz_to_mel(f):
    # Slaney: linear below 1 kHz (200/3 Hz per mel), logarithmic above.
    f = np.asarray(f, dtype=np.float64)
    linear = f / (200.0 / 3)
    log_part = 15.0 + np.log(np.maximum(f, 1e-12) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log_part, linear)


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    linear = m * (200.0 / 3)
    log_part = 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0))
    return np.where(m >= 15.0, log_part, linear)


def mel_filters(n_mels):
    bin_hz = np.linspace(0.0, SAMPLE_RATE / 2, N_FFT // 2 + 1)
    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(8000.0), n_mels + 2))
    bank = np.zeros((n_mels, bin_hz.size))
    for m in range(n_mels):
        left, centre, right = edges[m], edges[m + 1], edges[m + 2]
        rising = (bin_hz - left) / (centre - left)
        falling = (right - bin_hz) / (right - centre)
        triangle = np.clip(np.minimum(rising, falling), 0.0, None)
        bank[m] = triangle * (2.0 / (right - left))  # Slaney norm: equal area per filter
    return bank


def log_mel(audio, n_mels):
    audio = audio[:N_SAMPLES]
    audio = np.concatenate([audio, np.zeros(N_SAMPLES - audio.size)])
    half = N_FFT // 2
    padded = np.pad(audio, (half, half), mode="reflect")
    n = np.arange(N_FFT)
    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * n / N_FFT)  # periodic Hann
    n_frames = 1 + (padded.size - N_FFT) // HOP_LENGTH
    starts = np.arange(n_frames) * HOP_LENGTH
    frames = padded[starts[:, None] + n[None, :]] * window
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    power = power[:-1]  # whisper drops the last STFT frame: 3000 frames for 30 s
    mel = mel_filters(n_mels) @ power.T
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return ((log_spec + 4.0) / 4.0).astype(np.float32)


def main(argv):
    if len(argv) == 4 and argv[1] == "--time":
        audio = read_wav_mono16(argv[3])
        repeats = int(argv[2])
        log_mel(audio, 80)
        start = time.perf_counter()
        for _ in range(repeats):
            log_mel(audio, 80)
        print(f"{(time.perf_counter() - start) * 1000.0 / repeats:.3f}")
        return
    if len(argv) != 3:
        raise SystemExit(__doc__)
    audio = read_wav_mono16(argv[1])
    np.savez_compressed(argv[2], logmel_80=log_mel(audio, 80), logmel_128=log_mel(audio, 128))


if __name__ == "__main__":
    main(sys.argv)
