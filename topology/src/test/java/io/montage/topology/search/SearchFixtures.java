package io.montage.topology.search;

import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.InputRef;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.Timings;
import java.util.ArrayList;
import java.util.List;

/** Embedding records as the stages write them, with vectors chosen by the test. */
public final class SearchFixtures {

    private SearchFixtures() {}

    public static Embedding text(String eventId, String textKind, String model, float... vector) {
        return embedding(eventId, Modality.TEXT, textKind, null, model, vector);
    }

    public static Embedding image(String eventId, String model, float... vector) {
        return embedding(eventId, Modality.IMAGE, null, null, model, vector);
    }

    public static Embedding frame(String eventId, long frameIndex, String model, float... vector) {
        return embedding(
                eventId,
                Modality.VIDEO,
                null,
                FrameRef.newBuilder()
                        .setStreamId("stream-" + eventId)
                        .setFrameIndex(frameIndex)
                        .build(),
                model,
                vector);
    }

    private static Embedding embedding(
            String eventId, Modality modality, String textKind, FrameRef frame, String model, float[] vector) {
        List<Float> values = new ArrayList<>();
        for (float x : vector) {
            values.add(x);
        }
        return Embedding.newBuilder()
                .setEventId(eventId)
                .setInput(InputRef.newBuilder().setTopic("texts").build())
                .setModality(modality)
                .setTextKind(textKind)
                .setFrame(frame)
                .setVector(values)
                .setDimension(vector.length)
                .setModel(ModelRef.newBuilder().setId(model).build())
                .setTimings(Timings.newBuilder().build())
                .build();
    }
}
