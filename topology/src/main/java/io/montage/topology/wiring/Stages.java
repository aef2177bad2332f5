package io.montage.topology.wiring;

import java.util.Optional;

import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.text.TextEmbeddingStage;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.ImageEmbeddingStage;
import io.montage.processors.vision.OcrStage;

/** The stages this instance runs: the probe always, each model stage where its model was loaded. */
public record Stages(ProbeStage probe, Optional<TextEmbeddingStage> textEmbedding, Optional<OcrStage> ocr,
        Optional<ImageEmbeddingStage> imageEmbedding, Optional<CaptionStage> caption,
        Optional<TranscriptionStage> transcription) {
}
