package io.montage.models.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.models.batching.BatchingConfig;
import io.montage.models.store.ModelFiles;

/** What a batched model task is opened with, checked and defaulted once by {@link ModelOptions}. */
public record ModelSetup(ModelFiles files, ModelRuntime runtime, BatchingConfig batching, MeterRegistry registry) {}
