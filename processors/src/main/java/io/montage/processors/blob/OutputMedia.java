package io.montage.processors.blob;

import io.montage.processors.stage.StageUnavailable;
import io.montage.schemas.avro.Media;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a stage's generated media go: inline in the record up to {@code inlineMaxBytes}, in the blob
 * store above it, written as a claim-check reference, as {@code montage send} does with inputs. A
 * tall contact sheet of hundreds of scenes or a long summary video then costs the topic a reference,
 * not megabytes per record, and readers resolve it as they resolve inputs' references.
 *
 * <p>A blob is written before the record that names it commits. Blobs are content-addressed, so a
 * transaction aborted and retried writes the same blob again, harmlessly; a record never committed
 * (its clip later dead-lettered, say) leaves its blob behind, unreferenced.
 */
public final class OutputMedia {

    /** As {@code montage send}'s inputs: a megabyte inline, larger by reference. */
    public static final int DEFAULT_INLINE_MAX_BYTES = 1024 * 1024;

    private final FileBlobStore store;
    private final int inlineMaxBytes;

    public OutputMedia(FileBlobStore store, int inlineMaxBytes) {
        if (inlineMaxBytes < 0) {
            throw new IllegalArgumentException("the inline limit must be 0 or more, not " + inlineMaxBytes);
        }
        this.store = store;
        this.inlineMaxBytes = inlineMaxBytes;
    }

    /**
     * The media, inline or by reference by its size.
     *
     * @throws StageUnavailable the blob store cannot be written: no fault of the input, so the task
     *     retries from its last commit rather than dead-lettering it
     */
    public Media place(byte[] bytes, String contentType, String fileName) {
        Media.Builder media = Media.newBuilder().setContentType(contentType).setFileName(fileName);
        if (bytes.length <= inlineMaxBytes) {
            return media.setInline(ByteBuffer.wrap(bytes)).build();
        }
        try {
            return media.setReference(store.put(bytes, contentType)).build();
        } catch (IOException e) {
            throw new StageUnavailable(
                    "Generated media of " + bytes.length + " bytes (" + fileName + ") is over the inline limit ("
                            + inlineMaxBytes + " bytes, montage.outputs.inline.max-bytes) and the blob store"
                            + " cannot be written: " + e.getMessage() + ". Check that montage.blob.dir is writable"
                            + " and has room.",
                    e);
        }
    }
}
