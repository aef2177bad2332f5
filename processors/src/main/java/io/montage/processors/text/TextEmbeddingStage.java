package io.montage.processors.text;

import io.montage.models.batching.Timed;
import io.montage.models.text.TextEmbedder;
import io.montage.processors.stage.AvroVector;
import io.montage.processors.stage.BatchStage;
import io.montage.processors.stage.ItemBatch;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.StageInput;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextEvent;
import java.util.List;

/**
 * Embeds text records (captions, transcripts, OCR text, or text producers send) into the
 * {@code embeddings} topic, a batch of records per model call.
 */
public final class TextEmbeddingStage implements BatchStage<TextEvent, Embedding> {

    private final TextEmbedder embedder;
    private final ModelRef model;

    public TextEmbeddingStage(TextEmbedder embedder, ModelRef model) {
        this.embedder = embedder;
        this.model = model;
    }

    @Override
    public List<ItemOutcome<Embedding>> processAll(List<StageInput<TextEvent>> inputs) {
        return ItemBatch.<TextEvent, String, Timed<float[]>>prepare(inputs, TextEmbeddingStage::text)
                .run(model, "this text", embedder::embedAllTimed)
                .finish((input, text, embedded) -> embedding(input, embedded));
    }

    private static String text(StageInput<TextEvent> input) throws StageRejection {
        String text = input.value().getText();
        if (text == null || text.isBlank()) {
            throw new StageRejection(
                    ErrorClass.EMPTY_TEXT,
                    "The text record has no text to embed; producers should skip "
                            + "empty captions, transcripts and OCR results (a silent clip has an empty transcript).");
        }
        return text;
    }

    private Embedding embedding(StageInput<TextEvent> input, Timed<float[]> embedded) {
        TextEvent event = input.value();
        float[] vector = embedded.value();
        return Embedding.newBuilder()
                .setEventId(event.getEventId())
                .setInput(input.context().inputRef())
                .setModality(Modality.TEXT)
                .setTextKind(event.getKind().name())
                .setVector(AvroVector.of(vector))
                .setDimension(vector.length)
                .setNormalized(true)
                .setFrame(event.getFrame())
                .setModel(model)
                .setTimings(input.context().finishedTimings(embedded))
                .build();
    }
}
