package io.montage.models.speech;

/** One window of at most 30 s of 16 kHz mono audio to decode, with how to decode it. */
public record WindowRequest(float[] samples, TranscriptionOptions options) {}
