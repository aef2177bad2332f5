package io.montage.topology.wiring;

import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.moderation.MatchStage;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.text.TextEmbeddingStage;
import io.montage.processors.video.SceneStage;
import io.montage.processors.video.SceneTranscriptSettings;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.ImageEmbeddingStage;
import io.montage.processors.vision.OcrStage;
import java.util.Optional;

/**
 * The stages this instance runs: each where it is in {@code montage.stages} and, for model stages,
 * where its model was loaded. The match, scenes and scene-transcripts stages need no model of their own: they are on
 * wherever they are wanted. An instance may run a single stage (captions on a GPU machine).
 */
public record Stages(
        Optional<ProbeStage> probe,
        Optional<TextEmbeddingStage> textEmbedding,
        Optional<OcrStage> ocr,
        Optional<ImageEmbeddingStage> imageEmbedding,
        Optional<CaptionStage> caption,
        Optional<TranscriptionStage> transcription,
        Optional<MatchStage.Shared> match,
        Optional<SceneStage> scenes,
        Optional<SceneTranscriptSettings> sceneTranscripts) {

    /** No stage; add stages with the {@code with…} methods. */
    public static Stages none() {
        return new Stages(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** The probe and no model stage. */
    public static Stages probeOnly(ProbeStage probe) {
        return none().withProbe(probe);
    }

    public Stages withProbe(ProbeStage stage) {
        return new Stages(
                Optional.of(stage),
                textEmbedding,
                ocr,
                imageEmbedding,
                caption,
                transcription,
                match,
                scenes,
                sceneTranscripts);
    }

    public Stages withTextEmbedding(TextEmbeddingStage stage) {
        return new Stages(
                probe,
                Optional.of(stage),
                ocr,
                imageEmbedding,
                caption,
                transcription,
                match,
                scenes,
                sceneTranscripts);
    }

    public Stages withOcr(OcrStage stage) {
        return new Stages(
                probe,
                textEmbedding,
                Optional.of(stage),
                imageEmbedding,
                caption,
                transcription,
                match,
                scenes,
                sceneTranscripts);
    }

    public Stages withImageEmbedding(ImageEmbeddingStage stage) {
        return new Stages(
                probe, textEmbedding, ocr, Optional.of(stage), caption, transcription, match, scenes, sceneTranscripts);
    }

    public Stages withCaption(CaptionStage stage) {
        return new Stages(
                probe,
                textEmbedding,
                ocr,
                imageEmbedding,
                Optional.of(stage),
                transcription,
                match,
                scenes,
                sceneTranscripts);
    }

    public Stages withTranscription(TranscriptionStage stage) {
        return new Stages(
                probe,
                textEmbedding,
                ocr,
                imageEmbedding,
                caption,
                Optional.of(stage),
                match,
                scenes,
                sceneTranscripts);
    }

    /** The match stage, with its thresholds and keyframe hashing; it reads the reference lists itself. */
    public Stages withMatch(MatchStage.Shared matcher) {
        return new Stages(
                probe,
                textEmbedding,
                ocr,
                imageEmbedding,
                caption,
                transcription,
                Optional.of(matcher),
                scenes,
                sceneTranscripts);
    }

    /** The stage that joins clips' scenes with their transcripts; it needs no model of its own. */
    public Stages withSceneTranscripts(SceneTranscriptSettings settings) {
        return new Stages(
                probe,
                textEmbedding,
                ocr,
                imageEmbedding,
                caption,
                transcription,
                match,
                scenes,
                Optional.of(settings));
    }

    public Stages withScenes(SceneStage stage) {
        return new Stages(
                probe,
                textEmbedding,
                ocr,
                imageEmbedding,
                caption,
                transcription,
                match,
                Optional.of(stage),
                sceneTranscripts);
    }
}
