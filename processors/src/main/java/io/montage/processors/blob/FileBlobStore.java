package io.montage.processors.blob;

import io.montage.models.digest.Sha256;
import io.montage.schemas.avro.MediaRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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

    /**
     * Reads a blob under the root. The real path is checked, not just the spelled one: a symbolic
     * link inside the store that points elsewhere (at /etc/passwd, at another tenant's files) is
     * refused before a byte is read, so nothing of such a file reaches a result or a dead-letter.
     */
    @Override
    public byte[] read(URI uri, long maxBytes) throws IOException {
        Path path = pathOf(uri).toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            throw new IOException(uri + " is outside the blob store root " + root
                    + "; Montage only reads file:// media under montage.blob.dir");
        }
        Path real = realPathOf(uri, path);
        if (!real.startsWith(realRoot())) {
            throw new IOException(uri + " is a link that leads outside the blob store root " + root
                    + "; Montage does not follow links out of montage.blob.dir");
        }
        if (Files.isDirectory(real)) {
            throw new IOException(uri + " is a directory, not a blob; a reference names one stored file");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(
                    uri + " is not a regular file (a device, a pipe?); a reference names one stored file");
        }
        long size = Files.size(real);
        // Capped at what an array holds: under an unlimited media limit (Long.MAX_VALUE) the size
        // cast to an int made a 3 GiB blob a negative length (IllegalArgumentException) and one
        // of 4 GiB + 16 bytes a read of its first 16.
        long limit = Math.min(maxBytes, MAX_BLOB_BYTES);
        if (size > limit) {
            throw new BlobOverLimitException(
                    uri + " holds " + size + " bytes, over the " + limit + "-byte media limit");
        }
        // NOFOLLOW_LINKS: the checked path cannot be swapped for a link between the check and the read.
        try (SeekableByteChannel channel =
                        Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(channel)) {
            return in.readNBytes((int) size);
        }
    }

    /**
     * The path with every link resolved. What the file system reports when there is none is
     * told apart: nothing there, a link to nothing, or a file where the path needs a directory.
     */
    private Path realPathOf(URI uri, Path path) throws IOException {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                throw new IOException(
                        uri + " is a link whose target does not exist; a reference names one stored file", e);
            }
            throw new IOException(
                    uri + " does not exist (was the blob store directory cleaned, or is it not "
                            + "mounted on this instance?)",
                    e);
        } catch (FileSystemException e) {
            Path file = firstFileAbove(path);
            if (file == null) {
                throw e;
            }
            throw new IOException(
                    uri + " does not exist: " + root.relativize(file) + " in its path is a file, not a "
                            + "directory; a reference names one stored file",
                    e);
        }
    }

    /** The nearest ancestor of {@code path} that is a regular file, or null. */
    private static Path firstFileAbove(Path path) {
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                return parent;
            }
        }
        return null;
    }

    /** The file a {@code file:} URI names; a URI that names none (file://host/…, file:relative) is the producer's error. */
    private static Path pathOf(URI uri) throws MalformedReferenceException {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new MalformedReferenceException(uri + " is not a file reference Montage can read (" + e.getMessage()
                    + "); write it as file:///absolute/path under montage.blob.dir");
        }
    }

    private Path realRoot() throws IOException {
        return Files.exists(root) ? root.toRealPath() : root;
    }
}
