package io.montage.processors.stage;

/**
 * One decoded input record of a batch, with where it came from.
 *
 * @param value   the decoded input
 * @param context its coordinates and timings
 */
public record StageInput<I>(I value, InputContext context) {}
