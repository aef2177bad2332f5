package io.montage.processors.vision;

import io.montage.models.batching.Timed;
import io.montage.models.vision.clip.ImageEmbedder;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.processors.stage.AvroVector;
import io.montage.processors.stage.BatchStage;
import io.montage.processors.stage.ItemBatch;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.StageInput;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Embeds images and video frames into the {@code embeddings} topic (CLIP space, L2-normalised) for
 * moderation systems and search; where zero-shot labels are configured, each embedding carries
 * their probabilities, a head start for moderation before any classifier of its own is trained.
 */
public final class ImageEmbeddingStage implements BatchStage<ProbeResult, Embedding> {

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
    public List<ItemOutcome<Embedding>> processAll(List<StageInput<ProbeResult>> inputs) {
        return ItemBatch.<ProbeResult, BufferedImage, Timed<float[]>>prepare(
                        inputs, input -> images.decode(input.value()))
                .run(model, "this image", embedder::embedImagesTimed)
                .finish((input, image, embedded) -> embedding(input, embedded));
    }

    private Embedding embedding(StageInput<ProbeResult> input, Timed<float[]> embedded) {
        ProbeResult probe = input.value();
        float[] vector = embedded.value();
        return Embedding.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(input.context().inputRef())
                .setModality(Modality.IMAGE)
                .setVector(AvroVector.of(vector))
                .setDimension(vector.length)
                .setNormalized(true)
                .setLabels(
                        labels == null
                                ? List.of()
                                : labels.score(vector).stream()
                                        .map(s -> new LabelScore(s.label(), (float) s.score()))
                                        .toList())
                .setFrame(probe.getFrame())
                .setModel(model)
                .setTimings(input.context().finishedTimings(embedded))
                .build();
    }
}
