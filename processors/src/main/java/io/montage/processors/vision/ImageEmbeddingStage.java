package io.montage.processors.vision;

import java.awt.image.BufferedImage;
import java.util.List;

import io.montage.models.batching.Timed;
import io.montage.models.vision.clip.ImageEmbedder;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.processors.stage.AvroVector;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;

/**
 * Embeds images and video frames into the {@code embeddings} topic (CLIP space, L2-normalised) for
 * moderation systems and search; where zero-shot labels are configured, each embedding carries
 * their probabilities, a head start for moderation before any classifier of its own is trained.
 */
public final class ImageEmbeddingStage implements Stage<ProbeResult, Embedding> {

    public static final String NAME = "image-embed";

    private final ProbedImage images;
    private final ImageEmbedder embedder;
    private final ZeroShotLabels labels;
    private final ModelRef model;

    /** @param labels label prompts scored against every embedding, or null for none */
    public ImageEmbeddingStage(ProbedImage images, ImageEmbedder embedder, ZeroShotLabels labels, ModelRef model) {
        this.images = images;
        this.embedder = embedder;
        this.labels = labels;
        this.model = model;
    }

    @Override
    public Embedding process(ProbeResult probe, InputContext context) throws StageRejection {
        BufferedImage image = images.decode(probe);
        Timed<float[]> embedded = ModelCall.run(model, "this image", () -> embedder.embedImageTimed(image));
        float[] vector = embedded.value();
        return Embedding.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setModality(Modality.IMAGE)
                .setVector(AvroVector.of(vector))
                .setDimension(vector.length)
                .setNormalized(true)
                .setLabels(labels == null ? List.of() : labels.score(vector).stream()
                        .map(s -> new LabelScore(s.label(), (float) s.score())).toList())
                .setFrame(probe.getFrame())
                .setModel(model)
                .setTimings(context.finishedTimings(embedded))
                .build();
    }
}
