/**
 * Speech recognition: {@link io.montage.models.speech.SpeechRecognizer}, implemented for Whisper by
 * {@link io.montage.models.speech.WhisperRecognizer} over the Optimum / Transformers.js exports (encoder +
 * {@code decoder_model_merged}, docs/model-exports.md §1). Voice activity decides the ≤ 30 s windows
 * ({@link io.montage.models.speech.WindowPlanner}), windows are decoded in batches
 * ({@link io.montage.models.speech.WhisperWindowDecoder}) and stitched back with absolute times
 * ({@link io.montage.models.speech.TranscriptStitcher}).
 *
 * <p>Text is decoded by DJL's Hugging Face tokenizers on the model's own {@code tokenizer.json}, which comes with
 * the model ({@code montage models pull whisper-base}); tests use a small generated fixture with the real special
 * token ids (models/tools/make_whisper_test_tokenizer.py).
 */
package io.montage.models.speech;
