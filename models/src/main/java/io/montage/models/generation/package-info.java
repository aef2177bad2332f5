/**
 * Autoregressive generation over Optimum / Transformers.js merged decoders, shared by speech recognition and
 * captioning: {@link io.montage.models.generation.EncoderDecoderGenerator} runs greedy or beam search with the KV
 * cache protocol of docs/model-exports.md §0.2, {@link io.montage.models.generation.LogitsProcessor}s carry model-specific
 * rules.
 */
package io.montage.models.generation;
