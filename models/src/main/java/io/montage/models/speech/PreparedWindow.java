package io.montage.models.speech;

/** A window's log-mel features [melBins × 3000], computed on the caller's thread before batching. */
record PreparedWindow(float[] logMel, long durationMicros, TranscriptionOptions options) {}
