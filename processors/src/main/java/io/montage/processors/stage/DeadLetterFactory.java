package io.montage.processors.stage;

import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Builds dead-letter records. The original bytes ride along up to a size limit so an operator can
 * replay a fixed record without digging through the input topic; above the limit the input's
 * coordinates are the reference.
 */
public final class DeadLetterFactory {

    private final int maxOriginalBytes;

    /** @param maxOriginalBytes largest input value copied into the dead-letter record */
    public DeadLetterFactory(int maxOriginalBytes) {
        this.maxOriginalBytes = maxOriginalBytes;
    }

    public DeadLetter create(
            String stage,
            InputContext context,
            String eventId,
            ErrorClass errorClass,
            String reason,
            byte[] originalKey,
            byte[] originalValue) {
        return DeadLetter.newBuilder()
                .setEventId(eventId)
                .setStage(stage)
                .setErrorClass(errorClass.name())
                .setReason(reason)
                .setInput(context.inputRef())
                .setOriginalKey(originalKey == null ? null : ByteBuffer.wrap(originalKey))
                .setOriginalValue(
                        originalValue == null || originalValue.length > maxOriginalBytes
                                ? null
                                : ByteBuffer.wrap(originalValue))
                .setFailedAt(Instant.now())
                .build();
    }
}
