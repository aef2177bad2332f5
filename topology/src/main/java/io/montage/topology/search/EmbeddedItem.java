package io.montage.topology.search;

import io.montage.schemas.avro.Embedding;

/**
 * What one vector on the {@code embeddings} topic describes: an event's image, one of its texts
 * (caption, OCR, transcript) or a video frame. An event has several, so each is indexed under an id
 * of its own.
 *
 * @param textKind for text vectors, which text (null otherwise)
 * @param frameIndex for video frames, the frame's index in its stream (null otherwise)
 * @param model catalog id of the model that made the vector: vectors are only comparable within one
 */
public record EmbeddedItem(String eventId, String modality, String textKind, Long frameIndex, String model) {

    static EmbeddedItem of(Embedding embedding) {
        return new EmbeddedItem(
                embedding.getEventId(),
                embedding.getModality().name(),
                embedding.getTextKind(),
                embedding.getFrame() == null ? null : embedding.getFrame().getFrameIndex(),
                embedding.getModel().getId());
    }

    /**
     * The item's id in its model's index; the event id goes first with its length, so no event id
     * (whatever characters it holds) can make two items' ids equal.
     */
    String indexId() {
        return eventId.length() + ":" + eventId + "|" + modality + "|" + (textKind == null ? "" : textKind) + "|"
                + (frameIndex == null ? "" : frameIndex);
    }
}
