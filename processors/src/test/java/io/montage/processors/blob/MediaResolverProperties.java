package io.montage.processors.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.digest.Sha256;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a reference says, the resolver returns bytes of a file inside the blob root (or of
 * the allow-listed server), or rejects it with one of its error classes and a reason; nothing
 * else escapes, and nothing of the sentinel outside the root reaches a result or a reason. A
 * reference that names a stored file, however it spells the path, reads it whole under any
 * media limit it fits, and a blob larger than that, or than one byte array, is refused.
 */
class MediaResolverProperties {

    private static final Set<ErrorClass> ERROR_CLASSES = Set.of(
            ErrorClass.AMBIGUOUS_MEDIA,
            ErrorClass.NO_MEDIA,
            ErrorClass.TOO_MANY_BYTES,
            ErrorClass.UNSUPPORTED_REFERENCE,
            ErrorClass.INVALID_REFERENCE,
            ErrorClass.BLOB_SIZE_MISMATCH,
            ErrorClass.BLOB_UNREADABLE,
            ErrorClass.BLOB_DIGEST_MISMATCH);
    private static final String SENTINEL_SHA = Sha256.hex(BlobRootSandbox.SENTINEL);
    private static final String SENTINEL_TEXT = new String(BlobRootSandbox.SENTINEL, 0, 24, StandardCharsets.US_ASCII);

    private static BlobRootSandbox sandbox;
    private static HttpBlobReader http;
    // For the hostile references: https to the sandbox's plain HTTP port waits out the timeout in
    // its handshake, and any answer but the blob is a rejection anyway.
    private static HttpBlobReader impatientHttp;

    @BeforeContainer
    static void createSandbox() throws IOException {
        sandbox = new BlobRootSandbox();
        // media.example is allowed by name and resolves to a private address, so it is refused
        // before any connection; the only host ever reached is the sandbox's own server.
        http = httpReader(Duration.ofSeconds(5));
        impatientHttp = httpReader(Duration.ofMillis(300));
    }

    @AfterContainer
    static void removeSandbox() throws IOException {
        sandbox.close();
    }

    // No edge-case mixing: the generators' lists are their edge cases, and mixed in they made up
    // a third of the tries, nearly all rejected before the file system is reached.
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void anyReferenceReadsFromInsideTheRootOrIsRejectedWithAReason(
            @ForAll("hostileMedia") Media media, @ForAll("limits") long maxBytes) throws IOException {
        MediaRef ref = media.getReference();
        byte[] data;
        try {
            data = new MediaResolver(List.of(sandbox.store, impatientHttp), maxBytes).bytes(media);
        } catch (StageRejection e) {
            assertThat(e.errorClass()).isIn(ERROR_CLASSES);
            assertThat(e.getMessage()).isNotBlank();
            assertTellsNothingOfTheSentinel(e, ref);
            return;
        }
        assertThat(Sha256.hex(data)).as("bytes of %s", ref.getUri()).isNotEqualTo(SENTINEL_SHA);
        URI uri = URI.create(ref.getUri());
        if (uri.getScheme().equalsIgnoreCase("file")) {
            // A URI's dot segments are removed before its path is followed (RFC 3986, 5.2.4), so
            // ".." after a link climbs the URI's path, not the link's target: resolve it the same way.
            assertThat(Path.of(uri).normalize().toRealPath())
                    .as("where %s leads", ref.getUri())
                    .startsWith(sandbox.realRoot);
            assertThat(sandbox.insideFiles.values())
                    .as("bytes of %s", ref.getUri())
                    .contains(data);
        } else {
            assertThat(data).isEqualTo(BlobRootSandbox.SERVED);
        }
    }

    // Edge cases first, so that the limits at the ends (1 byte, none at all) are always tried.
    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void aReferenceNamingAStoredFileReadsItWholeUnderAnyLimitItFits(
            @ForAll("storedFileUris") StoredFileUri stored, @ForAll("limits") long maxBytes) throws StageRejection {
        byte[] content = sandbox.insideFiles.get(stored.relativePath());
        MediaRef ref = ref(stored.uri(), Sha256.hex(content), content.length);

        if (content.length <= maxBytes) {
            assertThat(resolver(maxBytes).bytes(reference(ref)))
                    .as(stored.uri())
                    .isEqualTo(content);
        } else {
            assertRejectedAs(resolver(maxBytes), ref, ErrorClass.TOO_MANY_BYTES);
        }
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.FIRST)
    void aBlobLargerThanAByteArrayIsRefusedUnderAnyLimit(
            @ForAll("bigFiles") String name,
            @ForAll("limits") long maxBytes,
            @ForAll("bigDeclaredSizes") long declared) {
        String uri = sandbox.root.resolve("big").resolve(name).toUri().toString();
        MediaRef ref = ref(uri, Sha256.hex(new byte[16]), declared);

        assertRejectedAs(resolver(maxBytes), ref, ErrorClass.TOO_MANY_BYTES, ErrorClass.BLOB_SIZE_MISMATCH);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.FIRST)
    void anAllowListedHttpBlobReadsWholeUnderAnyLimitItFits(
            @ForAll("servedUris") String uri, @ForAll("limits") long maxBytes) throws StageRejection {
        MediaRef ref = ref(uri, Sha256.hex(BlobRootSandbox.SERVED), BlobRootSandbox.SERVED.length);

        if (BlobRootSandbox.SERVED.length <= maxBytes) {
            assertThat(resolver(maxBytes).bytes(reference(ref))).as(uri).isEqualTo(BlobRootSandbox.SERVED);
        } else {
            assertRejectedAs(resolver(maxBytes), ref, ErrorClass.TOO_MANY_BYTES);
        }
    }

    /** A reference to one of the small files inside the root, spelled one of the ways that still lead there. */
    record StoredFileUri(String relativePath, String uri) {}

    @Provide
    Arbitrary<Media> hostileMedia() {
        Arbitrary<String> uri = Arbitraries.frequencyOf(
                Tuple.of(6, HostileReferences.fileUris(sandbox)),
                Tuple.of(3, HostileReferences.httpUris(sandbox.port())),
                Tuple.of(1, storedFileUris().map(StoredFileUri::uri)));
        Arbitrary<String> sha = Arbitraries.of(
                sandbox.stored.getSha256(),
                sandbox.stored.getSha256().toUpperCase(Locale.ROOT),
                SENTINEL_SHA,
                Sha256.hex(BlobRootSandbox.NESTED),
                Sha256.hex(new byte[0]),
                Sha256.hex(BlobRootSandbox.SERVED),
                Sha256.hex(new byte[16]),
                "00",
                "");
        // Mostly the size of a file that is there (the sentinel's too, so that reading it would pass).
        Arbitrary<Long> size = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Arbitraries.of(
                                (long) BlobRootSandbox.BLOB.length,
                                (long) BlobRootSandbox.SENTINEL.length,
                                (long) BlobRootSandbox.NESTED.length,
                                (long) BlobRootSandbox.SERVED.length,
                                0L)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                16L,
                                -1L,
                                Long.MAX_VALUE,
                                Long.MIN_VALUE,
                                BlobRootSandbox.FOUR_GIB_AND_16,
                                BlobRootSandbox.THREE_GIB)),
                Tuple.of(1, Arbitraries.longs()));
        Arbitrary<MediaRef> ref = Combinators.combine(uri, sha, size).as(MediaResolverProperties::ref);
        Arbitrary<Boolean> inlineToo = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(19, false));
        return Combinators.combine(ref, inlineToo)
                .as((r, both) -> both
                        ? Media.newBuilder()
                                .setReference(r)
                                .setInline(ByteBuffer.wrap(BlobRootSandbox.BLOB))
                                .build()
                        : reference(r));
    }

    /** Media limits from a byte to none at all (Long.MAX_VALUE, which settings allow), and the blobs' own sizes. */
    @Provide
    Arbitrary<Long> limits() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(1024L, 100L << 20, Long.MAX_VALUE)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                1L,
                                16L,
                                777L,
                                Integer.MAX_VALUE + 1L,
                                (long) BlobRootSandbox.BLOB.length,
                                (long) BlobRootSandbox.BLOB.length - 1,
                                (long) BlobRootSandbox.SERVED.length,
                                (long) BlobRootSandbox.NESTED.length)),
                Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE)));
    }

    @Provide
    Arbitrary<StoredFileUri> storedFileUris() {
        String root = sandbox.root.toString();
        String rootName = sandbox.root.getFileName().toString();
        Arbitrary<String> relative =
                Arbitraries.of(sandbox.insideFiles.keySet().stream().sorted().toList());
        return relative.flatMap(path -> Arbitraries.of(
                        "file://" + root + "/" + path,
                        "file:" + root + "/" + path,
                        "FILE://" + root + "/./" + path,
                        "file://" + root + "/sub/../" + path,
                        "file://" + root + "/%2e%2e/" + rootName + "/" + path,
                        "file://" + root + "/ab/root-link/" + path,
                        "file://" + root + "//" + path,
                        "file://" + root + "/"
                                + Arrays.stream(path.split("/"))
                                        .map(HostileReferences::percentEncoded)
                                        .collect(Collectors.joining("/")))
                .map(uri -> new StoredFileUri(path, uri)));
    }

    @Provide
    Arbitrary<String> bigFiles() {
        return Arbitraries.of("4g", "3g");
    }

    /** A big file's true size, its size wrapped to an int, and what a producer might write. */
    @Provide
    Arbitrary<Long> bigDeclaredSizes() {
        return Arbitraries.of(
                BlobRootSandbox.FOUR_GIB_AND_16,
                BlobRootSandbox.THREE_GIB,
                16L,
                (long) (int) BlobRootSandbox.THREE_GIB,
                0L,
                (long) Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<String> servedUris() {
        String hostPort = "127.0.0.1:" + sandbox.port();
        return Arbitraries.of(
                "http://" + hostPort + "/media",
                "HTTP://" + hostPort + "/media",
                "http://" + hostPort + "/media?size=large",
                "http://" + hostPort + "/media/a/../b",
                "http://127.0.0.1:0" + sandbox.port() + "/media");
    }

    private static HttpBlobReader httpReader(Duration timeout) {
        return new HttpBlobReader(Set.of("127.0.0.1:" + sandbox.port(), "media.example"), timeout, host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})});
    }

    private static MediaResolver resolver(long maxBytes) {
        return new MediaResolver(List.of(sandbox.store, http), maxBytes);
    }

    /** No sentinel text, no digest it would give, no size it has: nothing shows the sentinel was read. */
    private static void assertTellsNothingOfTheSentinel(StageRejection rejection, MediaRef ref) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = rejection; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        String declaredSha = ref.getSha256().toLowerCase(Locale.ROOT);
        for (String message : messages) {
            String lower = message.toLowerCase(Locale.ROOT);
            assertThat(message)
                    .doesNotContain(SENTINEL_TEXT)
                    .doesNotContain("holds " + BlobRootSandbox.SENTINEL.length);
            assertThat(declaredSha.isEmpty() ? lower : lower.replace(declaredSha, ""))
                    .doesNotContain(SENTINEL_SHA);
        }
    }

    private static void assertRejectedAs(MediaResolver resolver, MediaRef ref, ErrorClass... errorClasses) {
        try {
            byte[] data = resolver.bytes(reference(ref));
            throw new AssertionError(ref.getUri() + " read as " + data.length + " bytes; expected a rejection as "
                    + Arrays.toString(errorClasses));
        } catch (StageRejection e) {
            assertThat(e.errorClass()).as(e.getMessage()).isIn((Object[]) errorClasses);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static Media reference(MediaRef ref) {
        return Media.newBuilder().setReference(ref).build();
    }

    private static MediaRef ref(String uri, String sha256, long size) {
        return MediaRef.newBuilder().setUri(uri).setSha256(sha256).setSize(size).build();
    }
}
