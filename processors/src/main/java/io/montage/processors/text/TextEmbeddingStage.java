package io.montage.processors.text;

import io.montage.models.batching.Timed;
import io.montage.models.text.TextEmbedder;
import io.montage.processors.stage.AvroVector;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextEvent;

/**
 * Embeds text records (captions, transcripts, OCR text, or text producers send) into the
 * {@code embeddings} topic. The call blocks on the model's dynamic batcher, which gathers concurrent
 * requests from every stream thread into one ONNX Runtime call (DESIGN decision 1).
 */
public final class TextEmbeddingStage implements Stage<TextEvent, Embedding> {

    public static final String NAME = "text-embed";

    private final TextEmbedder embedder;
    private final ModelRef model;

    public TextEmbeddingStage(TextEmbedder embedder, ModelRef model) {
        this.embedder = embedder;
        this.model = model;
    }

    @Override
    public Embedding process(TextEvent input, InputContext context) throws StageRejection {
        String text = input.getText();
        if (text == null || text.isBlank()) {
            throw new StageRejection("EMPTY_TEXT", "The text record has no text to embed; producers should skip "
                    + "empty captions, transcripts and OCR results (a silent clip has an empty transcript).");
        }
        Timed<float[]> embedded = ModelCall.run(model, "this text", () -> embedder.embedTimed(text));
        float[] vector = embedded.value();
        return Embedding.newBuilder()
                .setEventId(input.getEventId())
                .setInput(context.inputRef())
                .setModality(Modality.TEXT)
                .setTextKind(input.getKind().name())
                .setVector(AvroVector.of(vector))
                .setDimension(vector.length)
                .setNormalized(true)
                .setFrame(input.getFrame())
                .setModel(model)
                .setTimings(context.finishedTimings(embedded))
                .build();
    }
}
