package io.montage.processors.blob;

import io.montage.models.digest.Sha256;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaRef;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.List;

/** Turns a {@link Media} (inline or claim-check) into its bytes, verifying size and SHA-256 of references. */
public final class MediaResolver {

    private static final String SIZE_CHANGED = "the blob changed after the event was produced, or the producer "
            + "wrote the wrong size into the reference.";

    private final List<BlobReader> readers;
    private final long maxBytes;

    public MediaResolver(List<BlobReader> readers, long maxBytes) {
        this.readers = List.copyOf(readers);
        this.maxBytes = maxBytes;
    }

    public byte[] bytes(Media media) throws StageRejection {
        if (media.getInline() != null && media.getReference() != null) {
            throw new StageRejection(
                    ErrorClass.AMBIGUOUS_MEDIA,
                    "The event carries both inline bytes and a reference; "
                            + "set exactly one of media.inline and media.reference.");
        }
        if (media.getInline() != null) {
            return toArray(media.getInline());
        }
        if (media.getReference() != null) {
            return read(media.getReference());
        }
        throw new StageRejection(
                ErrorClass.NO_MEDIA,
                "The event carries no media; set media.inline (small payloads) or "
                        + "media.reference (a claim-check URI with sha256 and size).");
    }

    private byte[] read(MediaRef ref) throws StageRejection {
        // Media is held in one array, so a media limit above what one holds (montage.media.max-bytes
        // set to Long.MAX_VALUE for none) stops there.
        long limit = Math.min(maxBytes, BlobReader.MAX_BLOB_BYTES);
        String limitName = limit < maxBytes ? "the most one blob can hold in memory" : "montage.media.max-bytes";
        if (ref.getSize() > limit) {
            throw new StageRejection(
                    ErrorClass.TOO_MANY_BYTES,
                    "The referenced media declares " + ref.getSize() + " bytes, over the limit of " + limit + " ("
                            + limitName + ").");
        }
        URI uri = parse(ref.getUri());
        BlobReader reader = readers.stream()
                .filter(r -> r.handles(uri))
                .findFirst()
                .orElseThrow(() -> new StageRejection(
                        ErrorClass.UNSUPPORTED_REFERENCE,
                        "No blob store reads '" + uri.getScheme() + "' URIs like " + uri
                                + "; use file:// (embedded default) or an allow-listed http(s) host."));
        byte[] data;
        try {
            data = reader.read(uri, limit);
        } catch (MalformedReferenceException e) {
            throw new StageRejection(
                    ErrorClass.INVALID_REFERENCE, "The media reference is malformed: " + e.getMessage(), e);
        } catch (BlobOverLimitException e) {
            throw new StageRejection(
                    ErrorClass.BLOB_SIZE_MISMATCH,
                    "The reference declares " + ref.getSize() + " bytes, but " + e.getMessage() + " (" + limitName
                            + "), so it was not read; " + SIZE_CHANGED,
                    e);
        } catch (IOException e) {
            throw new StageRejection(
                    ErrorClass.BLOB_UNREADABLE, "Could not read the referenced media: " + e.getMessage(), e);
        }
        if (data.length != ref.getSize()) {
            throw new StageRejection(
                    ErrorClass.BLOB_SIZE_MISMATCH,
                    "The reference declares " + ref.getSize() + " bytes but " + uri + " holds " + data.length + "; "
                            + SIZE_CHANGED);
        }
        String actual = Sha256.hex(data);
        if (!actual.equalsIgnoreCase(ref.getSha256())) {
            throw new StageRejection(
                    ErrorClass.BLOB_DIGEST_MISMATCH,
                    "The SHA-256 of " + uri + " is " + actual + ", not the " + ref.getSha256()
                            + " the event declares; the blob is corrupt or was replaced.");
        }
        return data;
    }

    private static URI parse(String uri) throws StageRejection {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new StageRejection(
                    ErrorClass.INVALID_REFERENCE,
                    "The media reference '" + uri + "' is not a valid URI: " + e.getMessage(),
                    e);
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] data = new byte[copy.remaining()];
        copy.get(data);
        return data;
    }
}
