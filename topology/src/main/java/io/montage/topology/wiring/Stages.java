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

    /** The probe and no model stage; add model stages with the {@code with…} methods. */
    public static Stages probeOnly(ProbeStage probe) {
        return new Stages(probe, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public Stages withImageEmbedding(ImageEmbeddingStage stage) {
        return new Stages(probe, textEmbedding, ocr, Optional.of(stage), caption, transcription);
    }

    public Stages withCaption(CaptionStage stage) {
        return new Stages(probe, textEmbedding, ocr, imageEmbedding, Optional.of(stage), transcription);
    }

    public Stages withTranscription(TranscriptionStage stage) {
        return new Stages(probe, textEmbedding, ocr, imageEmbedding, caption, Optional.of(stage));
    }
}
