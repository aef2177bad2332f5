package io.montage.processors.blob;

import com.sun.net.httpserver.HttpServer;
import io.montage.schemas.avro.MediaRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A blob root in a temporary directory with what a hostile reference could aim at around it: a
 * sentinel file outside the root (and in a sibling whose name starts like the root's), links
 * from inside to inside and to outside, a dangling and a looping link, blobs larger than a byte
 * array can hold (sparse, so they take no disk), and a local HTTP server, the only host a test
 * may reach. Nothing outside the root is ever a correct answer.
 */
final class BlobRootSandbox implements AutoCloseable {

    /** Bytes no file inside the root holds, of a length nothing else here has. */
    static final byte[] SENTINEL = sentinel();

    static final byte[] BLOB = "the stored blob, inside the root".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NESTED = "a file in a subdirectory of the root".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVED = "what the allow-listed server serves".getBytes(StandardCharsets.US_ASCII);
    // Sizes past what one byte array holds: the first wraps to 16 as an int, the second to a negative one.
    static final long FOUR_GIB_AND_16 = (1L << 32) + 16;
    static final long THREE_GIB = 3L << 30;

    final Path base;
    final Path root;
    final Path realRoot;
    final FileBlobStore store;
    final MediaRef stored;
    final HttpServer server;
    /** The small files under the root, by their path relative to it. */
    final Map<String, byte[]> insideFiles;

    BlobRootSandbox() throws IOException {
        base = Files.createTempDirectory("montage-blob-root-");
        root = Files.createDirectories(base.resolve("blobs"));
        realRoot = root.toRealPath();
        store = new FileBlobStore(root);
        stored = store.put(BLOB, "text/plain");
        String storedPath =
                root.relativize(Path.of(URI.create(stored.getUri()))).toString();

        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.write(outside.resolve("secret.bin"), SENTINEL);
        Files.write(Files.createDirectories(outside.resolve("dir")).resolve("secret.bin"), SENTINEL);
        Files.write(Files.createDirectories(base.resolve("blobs-evil")).resolve("secret.bin"), SENTINEL);

        Path ab = Files.createDirectories(root.resolve("ab"));
        Files.write(ab.resolve("empty"), new byte[0]);
        Files.write(Files.createDirectories(root.resolve("sub")).resolve("nested.bin"), NESTED);
        Files.createSymbolicLink(ab.resolve("inside-link"), root.resolve(storedPath));
        Files.createSymbolicLink(
                ab.resolve("relative-inside-link"), Path.of("..").resolve(storedPath));
        Files.createSymbolicLink(ab.resolve("root-link"), root);
        Files.createSymbolicLink(ab.resolve("outside-link"), outside.resolve("secret.bin"));
        Files.createSymbolicLink(ab.resolve("relative-outside-link"), Path.of("../../outside/secret.bin"));
        Files.createSymbolicLink(ab.resolve("outside-dir-link"), outside);
        Files.createSymbolicLink(ab.resolve("up-link"), Path.of("../.."));
        Files.createSymbolicLink(ab.resolve("dangling"), Path.of("gone"));
        Files.createSymbolicLink(ab.resolve("loop"), Path.of("loop"));
        Path big = Files.createDirectories(root.resolve("big"));
        sparse(big.resolve("4g"), FOUR_GIB_AND_16);
        sparse(big.resolve("3g"), THREE_GIB);
        insideFiles = Map.of(storedPath, BLOB, "ab/empty", new byte[0], "sub/nested.bin", NESTED);

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/media", exchange -> {
            exchange.sendResponseHeaders(200, SERVED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(SERVED);
            }
        });
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders()
                    .set("Location", base.resolve("outside/secret.bin").toUri().toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every name in the tree, for references to be made of. */
    List<String> names() {
        String sha = stored.getSha256();
        return List.of(
                sha.substring(0, 2),
                sha,
                "ab",
                "empty",
                "inside-link",
                "relative-inside-link",
                "root-link",
                "outside-link",
                "relative-outside-link",
                "outside-dir-link",
                "up-link",
                "dangling",
                "loop",
                "gone",
                "big",
                "4g",
                "3g",
                "sub",
                "nested.bin",
                "outside",
                "dir",
                "secret.bin",
                "blobs",
                "blobs-evil",
                base.getFileName().toString());
    }

    /** Paths from the root to what is there, many of them through links that lead out of it. */
    List<String> targets() {
        String storedPath =
                root.relativize(Path.of(URI.create(stored.getUri()))).toString();
        return List.of(
                storedPath,
                "ab/empty",
                "sub/nested.bin",
                "ab/inside-link",
                "ab/relative-inside-link",
                "ab/root-link/" + storedPath,
                "ab/root-link/ab/outside-link",
                "ab/outside-link",
                "ab/relative-outside-link",
                "ab/outside-dir-link/secret.bin",
                "ab/outside-dir-link/dir/secret.bin",
                "ab/up-link/outside/secret.bin",
                "ab/up-link/blobs-evil/secret.bin",
                "ab/up-link/blobs/ab/empty",
                "ab/dangling",
                "ab/loop",
                "ab/loop/x",
                "big/4g",
                "big/3g",
                "sub",
                "sub/nested.bin/more",
                "../outside/secret.bin",
                "../blobs-evil/secret.bin",
                "ab/../../outside/dir/secret.bin");
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path); // walk does not follow links, so each link is deleted, not its target
            }
        }
    }

    private static void sparse(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    private static byte[] sentinel() {
        String text = "SENTINEL outside the blob root; no result or reason may hold it. ".repeat(12);
        return text.substring(0, 777).getBytes(StandardCharsets.US_ASCII);
    }
}
