package io.montage.processors.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.montage.schemas.avro.MediaRef;

/**
 * Content-addressed media on a local (or mounted, shared) file system: the embedded default's blob
 * store. Reads are confined to its root, so a producer cannot make Montage read arbitrary files
 * with a crafted {@code file://} reference.
 */
public final class FileBlobStore implements BlobReader {

    private final Path root;

    public FileBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Stores the bytes under their SHA-256 (idempotent) and returns the claim-check reference. */
    public MediaRef put(byte[] data, String contentType) throws IOException {
        String sha256 = Sha256.hex(data);
        Path target = root.resolve(sha256.substring(0, 2)).resolve(sha256);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), sha256, ".part");
            Files.write(temp, data);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return MediaRef.newBuilder()
                .setUri(target.toUri().toString())
                .setSha256(sha256)
                .setSize(data.length)
                .setContentType(contentType)
                .build();
    }

    @Override
    public boolean handles(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public byte[] read(URI uri, long maxBytes) throws IOException {
        Path path = Path.of(uri).toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            throw new IOException(uri + " is outside the blob store root " + root
                    + "; Montage only reads file:// media under montage.blob.dir");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(uri + " does not exist (was the blob store directory cleaned, or is it not "
                    + "mounted on this instance?)");
        }
        long size = Files.size(path);
        if (size > maxBytes) {
            throw new IOException(uri + " holds " + size + " bytes, over the " + maxBytes + "-byte media limit");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes((int) size);
        }
    }
}
