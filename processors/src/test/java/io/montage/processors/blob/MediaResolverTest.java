package io.montage.processors.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.montage.models.digest.Sha256;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claim-check media: read only from where Montage may read, and only bytes that match the reference. */
class MediaResolverTest {

    private static final byte[] DATA = "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    private HttpServer server;
    private FileBlobStore blobs;
    private MediaResolver resolver;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/media", exchange -> {
            exchange.sendResponseHeaders(200, DATA.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(DATA);
            }
        });
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        blobs = new FileBlobStore(root.resolve("blobs"));
        resolver = new MediaResolver(
                List.of(
                        blobs,
                        new HttpBlobReader(
                                Set.of("127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5))),
                1024);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void inlineMediaIsReturnedAsIs() throws StageRejection {
        assertThat(resolver.bytes(
                        Media.newBuilder().setInline(ByteBuffer.wrap(DATA)).build()))
                .isEqualTo(DATA);
    }

    @Test
    void aStoredBlobIsContentAddressedAndReadBack() throws Exception {
        MediaRef first = blobs.put(DATA, "text/plain");
        MediaRef second = blobs.put(DATA, "text/plain");

        assertThat(first.getUri()).isEqualTo(second.getUri()).endsWith(first.getSha256());
        assertThat(first.getSize()).isEqualTo(DATA.length);
        assertThat(resolver.bytes(reference(first))).isEqualTo(DATA);
    }

    @Test
    void aBlobWhoseBytesChangedIsRefused() throws Exception {
        MediaRef ref = blobs.put(DATA, null);
        Files.write(Path.of(java.net.URI.create(ref.getUri())), "SIXTEEN BYTES!!!".getBytes(StandardCharsets.US_ASCII));

        assertRejected(reference(ref), ErrorClass.BLOB_DIGEST_MISMATCH);
    }

    @Test
    void fileReferencesOutsideTheBlobRootAreRefused() throws Exception {
        Path outside = Files.write(root.resolve("secret.txt"), DATA);

        assertRejected(
                reference(ref(outside.toUri().toString(), Sha256.hex(DATA), DATA.length)), ErrorClass.BLOB_UNREADABLE);
    }

    @Test
    void httpIsReadOnlyFromAllowListedHostsAndNeverFollowsRedirects() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        assertThat(resolver.bytes(reference(ref(base + "/media", Sha256.hex(DATA), DATA.length))))
                .isEqualTo(DATA);
        assertRejected(reference(ref(base + "/elsewhere", Sha256.hex(DATA), DATA.length)), ErrorClass.BLOB_UNREADABLE);
        assertRejected(
                reference(ref(
                        "http://localhost:" + server.getAddress().getPort() + "/media", Sha256.hex(DATA), DATA.length)),
                ErrorClass.BLOB_UNREADABLE);
    }

    @Test
    void aLinkInsideTheStoreToASystemFileIsRefusedBeforeAByteOfItIsRead() throws Exception {
        Path passwd = Path.of("/etc/passwd");
        Path link = Files.createDirectories(root.resolve("blobs").resolve("ab")).resolve("passwd-link");
        Files.createSymbolicLink(link, passwd);

        assertThatThrownBy(() -> resolver.bytes(reference(ref(link.toUri().toString(), "00", 16))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.BLOB_UNREADABLE);
                    assertThat(e.getMessage())
                            .contains("is a link that leads outside the blob store root")
                            .doesNotContain("root:")
                            .doesNotContain("72 6f 6f 74");
                });
    }

    @Test
    void aLinkToMediaOutsideTheStoreIsRefusedToo() throws Exception {
        Path outside = Files.write(root.resolve("elsewhere.bin"), DATA);
        Path link = Files.createDirectories(root.resolve("blobs").resolve("cd")).resolve("media-link");
        Files.createSymbolicLink(link, outside);

        assertRejected(
                reference(ref(link.toUri().toString(), Sha256.hex(DATA), DATA.length)), ErrorClass.BLOB_UNREADABLE);
    }

    @Test
    void aMalformedFileReferenceIsTheProducersErrorNotMontages() {
        assertThatThrownBy(() -> resolver.bytes(reference(ref("file://../../etc/passwd", "00", 10))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_REFERENCE);
                    assertThat(e.getMessage()).contains("file:///absolute/path");
                });
        assertRejected(reference(ref("file:relative/blob", "00", 10)), ErrorClass.INVALID_REFERENCE);
    }

    @Test
    void aDirectoryReferenceSaysItIsADirectory() throws Exception {
        Path directory = Files.createDirectories(root.resolve("blobs").resolve("ef"));

        assertThatThrownBy(() -> resolver.bytes(reference(ref(directory.toUri().toString(), "00", 10))))
                .isInstanceOfSatisfying(
                        StageRejection.class, e -> assertThat(e.getMessage()).contains("is a directory, not a blob"));
    }

    @Test
    void aLinkToAMissingFileSaysSoRatherThanThatTheReferenceDoesNotExist() throws Exception {
        Path link = Files.createDirectories(root.resolve("blobs").resolve("ab")).resolve("dangling");
        Files.createSymbolicLink(link, root.resolve("blobs").resolve("ab").resolve("gone"));

        assertThatThrownBy(() -> resolver.bytes(reference(ref(link.toUri().toString(), "00", 10))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.BLOB_UNREADABLE);
                    assertThat(e.getMessage()).contains("is a link whose target does not exist");
                });
    }

    @Test
    void aReferenceThatTreatsAFileAsADirectorySaysWhichPartIsAFile() throws Exception {
        MediaRef stored = blobs.put(DATA, null);
        String below = stored.getUri() + "/more";

        assertThatThrownBy(() -> resolver.bytes(reference(ref(below, "00", 10))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.BLOB_UNREADABLE);
                    assertThat(e.getMessage())
                            .contains("does not exist: " + stored.getSha256().substring(0, 2) + "/" + stored.getSha256()
                                    + " in its path is a file, not a directory");
                });
    }

    @Test
    void aBlobOverTheLimitUnderAReferenceDeclaringLessIsASizeMismatch() throws Exception {
        MediaRef large = blobs.put(new byte[2000], null);
        server.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, 2000);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[2000]);
            }
        });
        String http = "http://127.0.0.1:" + server.getAddress().getPort() + "/large";

        for (String uri : new String[] {large.getUri(), http}) {
            assertThatThrownBy(() -> resolver.bytes(reference(ref(uri, large.getSha256(), 1000))))
                    .isInstanceOfSatisfying(StageRejection.class, e -> {
                        assertThat(e.errorClass()).as(uri).isEqualTo(ErrorClass.BLOB_SIZE_MISMATCH);
                        assertThat(e.getMessage())
                                .as(uri)
                                .startsWith("The reference declares 1000 bytes, but " + uri)
                                .contains("1024-byte media limit (montage.media.max-bytes), so it was not read");
                    });
        }
    }

    @Test
    void aBareAllowedHostOpensOnlyItsDefaultPortNotTheServicesBesideIt() {
        MediaResolver bare =
                new MediaResolver(List.of(new HttpBlobReader(Set.of("127.0.0.1"), Duration.ofSeconds(5))), 1024);
        String metricsLike = "http://127.0.0.1:" + server.getAddress().getPort() + "/media";

        assertThatThrownBy(() -> bare.bytes(reference(ref(metricsLike, Sha256.hex(DATA), DATA.length))))
                .isInstanceOfSatisfying(StageRejection.class, e -> assertThat(e.getMessage())
                        .contains("is not in montage.blob.http.allowed-hosts")
                        .contains("a bare host allows only ports 80 and 443"));
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefusedUnlessTheAddressItselfIsListed() {
        int port = server.getAddress().getPort();
        HttpBlobReader byName = new HttpBlobReader(Set.of("media.example:" + port), Duration.ofSeconds(5), host ->
                new java.net.InetAddress[] {java.net.InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})});

        assertThatThrownBy(() -> byName.read(java.net.URI.create("http://media.example:" + port + "/media"), 1024))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("resolves to the internal address 10.1.2.3")
                .hasMessageContaining("names the address itself");
    }

    // Counterexamples MediaResolverProperties found under an unlimited media limit, which settings
    // allow (montage.media.max-bytes = Long.MAX_VALUE). The big blobs are sparse files: no disk.

    @Test
    void aBlobOfThreeGibibytesUnderAnUnlimitedLimitIsRefusedForItsSizeNotAnIllegalArgument() throws Exception {
        // Its size cast to an int was negative: readNBytes threw IllegalArgumentException, past every rejection.
        String uri = sparseBlob("3g", 3L << 30).toUri().toString();
        MediaResolver unlimited = new MediaResolver(List.of(blobs), Long.MAX_VALUE);

        assertThatThrownBy(() -> unlimited.bytes(reference(ref(uri, "00", 4_294_967_312L))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.TOO_MANY_BYTES);
                    assertThat(e.getMessage())
                            .contains("over the limit of 2147483638 (the most one blob can hold in memory)");
                });
        assertThatThrownBy(() -> unlimited.bytes(reference(ref(uri, "00", 16))))
                .isInstanceOfSatisfying(
                        StageRejection.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.BLOB_SIZE_MISMATCH));
    }

    @Test
    void aBlobOfFourGibibytesAndSixteenBytesIsNotReadAsItsFirstSixteen() throws Exception {
        // Its size cast to an int was 16: a reference declaring 16 zero bytes got them, from a 4 GiB blob.
        String uri = sparseBlob("4g", (1L << 32) + 16).toUri().toString();
        MediaResolver unlimited = new MediaResolver(List.of(blobs), Long.MAX_VALUE);

        assertThatThrownBy(() -> unlimited.bytes(reference(ref(uri, Sha256.hex(new byte[16]), 16))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.BLOB_SIZE_MISMATCH);
                    assertThat(e.getMessage()).contains("holds 4294967312 bytes");
                });
    }

    @Test
    void anHttpBlobUnderAnUnlimitedLimitIsReadWholeNotAsEmpty() throws Exception {
        // maxBytes + 1 overflowed to Long.MIN_VALUE, so the reader read 0 bytes of every blob.
        MediaResolver unlimited = new MediaResolver(
                List.of(new HttpBlobReader(
                        Set.of("127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5))),
                Long.MAX_VALUE);
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/media";

        assertThat(unlimited.bytes(reference(ref(uri, Sha256.hex(DATA), DATA.length))))
                .isEqualTo(DATA);
    }

    @Test
    void aFailedHttpFetchNamesTheReferenceNotOnlyWhatTheClientSaid() {
        // A counterexample of MediaResolverProperties: TLS to a plain HTTP port never completes
        // its handshake, and the reason read only "HTTP connect timed out", naming no blob.
        int port = server.getAddress().getPort();
        MediaResolver impatient = new MediaResolver(
                List.of(new HttpBlobReader(Set.of("127.0.0.1:" + port), Duration.ofMillis(300))), 1024);
        String uri = "https://127.0.0.1:" + port + "/media";

        assertThatThrownBy(() -> impatient.bytes(reference(ref(uri, Sha256.hex(DATA), DATA.length))))
                .isInstanceOfSatisfying(StageRejection.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.BLOB_UNREADABLE);
                    assertThat(e.getMessage()).contains("GET " + uri + " failed: ");
                });
    }

    @Test
    void sizeLimitsAndMissingOrAmbiguousMediaAreRefusedWithTheirClass() {
        assertRejected(reference(ref("file:///x", "00", 4096)), ErrorClass.TOO_MANY_BYTES);
        assertRejected(reference(ref("ftp://host/x", "00", 10)), ErrorClass.UNSUPPORTED_REFERENCE);
        assertRejected(reference(ref("file:///not a uri", "00", 10)), ErrorClass.INVALID_REFERENCE);
        assertRejected(Media.newBuilder().build(), ErrorClass.NO_MEDIA);
        assertRejected(
                Media.newBuilder()
                        .setInline(ByteBuffer.wrap(DATA))
                        .setReference(ref("file:///x", "00", 1))
                        .build(),
                ErrorClass.AMBIGUOUS_MEDIA);
    }

    private Path sparseBlob(String name, long size) throws IOException {
        Path file =
                Files.createDirectories(root.resolve("blobs").resolve("big")).resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }

    private void assertRejected(Media media, ErrorClass errorClass) {
        assertThatThrownBy(() -> resolver.bytes(media))
                .isInstanceOfSatisfying(
                        StageRejection.class, e -> assertThat(e.errorClass()).isEqualTo(errorClass));
    }

    private static Media reference(MediaRef ref) {
        return Media.newBuilder().setReference(ref).build();
    }

    private static MediaRef ref(String uri, String sha256, long size) {
        return MediaRef.newBuilder().setUri(uri).setSha256(sha256).setSize(size).build();
    }
}
