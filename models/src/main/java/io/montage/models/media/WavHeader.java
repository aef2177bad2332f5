package io.montage.models.media;

/**
 * What a RIFF/WAVE header declares.
 *
 * @param durationMicros data chunk size ÷ byte rate
 * @param complete       whether the data chunk fits in the bytes actually present
 */
record WavHeader(long durationMicros, boolean complete) {}
