package io.montage.processors.blob;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Media references as a hostile or careless producer writes them: file URIs that climb with
 * {@code ..} spelled every way, encode slashes and backslashes, carry authorities, NULs, unicode
 * and overlong names, and walk through the sandbox's links; http(s) URLs with odd schemes,
 * userinfo, hosts that spell loopback differently and ports that are nearly the allowed one.
 */
final class HostileReferences {

    private static final List<String> FILE_PREFIXES = List.of(
            "file://",
            "file:",
            "FILE://",
            "File:",
            "file:////",
            "file://localhost",
            "file://evil.example",
            "file://user@",
            "file:%2F",
            "",
            "jar:file:",
            "ftp://host");
    private static final List<String> TRICKY_SEGMENTS = List.of(
            ".",
            "..",
            "...",
            "%2e%2e",
            "%2E%2e",
            ".%2e",
            "%2e.",
            "..%2f..",
            "..%2F..%2F..",
            "%2f",
            "%5c",
            "\\",
            "..\\..",
            "%00",
            "\u0000",
            "a%00b",
            "é",
            "%C3%A9",
            "日本",
            "%E6%97%A5",
            "a".repeat(300),
            "b".repeat(5000),
            "",
            " ",
            "%20",
            "%",
            "%zz",
            "?x=1",
            "#frag",
            ";x",
            "~",
            "%7e",
            "*",
            "%ff",
            "%c0%ae%c0%ae",
            "\n",
            "%0a");
    private static final List<String> SEPARATORS = List.of("%2F", "//", "\\", "/./", "/../");

    private HostileReferences() {}

    /**
     * Mostly well-formed paths from the root, so that the checks behind the URI parser are
     * reached: to what is there (through links that lead out, too) with segments respelled, and
     * walks through the sandbox's names with tricky segments mixed in at every step.
     */
    static Arbitrary<String> fileUris(BlobRootSandbox sandbox) {
        Arbitrary<String> prefix = mostly("file://", Arbitraries.of(FILE_PREFIXES));
        Arbitrary<String> start = mostly(
                sandbox.root.toString(),
                Arbitraries.of(
                        sandbox.base.toString(),
                        sandbox.base.resolve("outside").toString(),
                        sandbox.root + "-evil",
                        "/",
                        "",
                        "/etc",
                        "/proc/self"));
        Arbitrary<String> path = Arbitraries.oneOf(respelledTargets(sandbox), walks(sandbox));
        return Combinators.combine(prefix, start, path).as((p, from, rest) -> p + from + rest);
    }

    /** A path to one of the sandbox's targets, each segment kept, percent-encoded, replaced or followed by a tricky one. */
    private static Arbitrary<String> respelledTargets(BlobRootSandbox sandbox) {
        Arbitrary<UnaryOperator<String>> respelling = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(UnaryOperator.identity())),
                Tuple.of(1, Arbitraries.just(HostileReferences::percentEncoded)),
                Tuple.of(1, Arbitraries.of(TRICKY_SEGMENTS).map(tricky -> segment -> tricky)),
                Tuple.of(1, Arbitraries.of(TRICKY_SEGMENTS).map(tricky -> segment -> segment + "/" + tricky)));
        return Arbitraries.of(sandbox.targets()).flatMap(target -> {
            List<String> segments = List.of(target.split("/"));
            return Combinators.combine(
                            respelling.list().ofSize(segments.size()),
                            separator().list().ofSize(segments.size()))
                    .as((spellings, separators) -> {
                        StringBuilder path = new StringBuilder();
                        for (int i = 0; i < segments.size(); i++) {
                            path.append(separators.get(i))
                                    .append(spellings.get(i).apply(segments.get(i)));
                        }
                        return path.toString();
                    });
        });
    }

    /** Up to five steps through the sandbox's names and tricky segments. */
    private static Arbitrary<String> walks(BlobRootSandbox sandbox) {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(sandbox.names())), Tuple.of(1, Arbitraries.of(TRICKY_SEGMENTS)));
        return Combinators.combine(segment, separator())
                .as((s, sep) -> sep + s)
                .list()
                .ofMaxSize(5)
                .map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> separator() {
        return mostly("/", Arbitraries.of(SEPARATORS));
    }

    /** Every character of a segment as a %XX escape of its UTF-8 bytes. */
    static String percentEncoded(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    /** {@code usual} three times in four, else one of {@code others}. */
    private static Arbitrary<String> mostly(String usual, Arbitrary<String> others) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(usual)), Tuple.of(1, others));
    }

    static Arbitrary<String> httpUris(int port) {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "HTTP", "hTtPs", "ftp", "gopher", "file", "");
        Arbitrary<String> userInfo =
                Arbitraries.of("", "", "user@", "user:pass@", "127.0.0.1:" + port + "@", "@", "evil.example@", "%40@");
        Arbitrary<String> host = Arbitraries.of(
                "127.0.0.1",
                "127.0.0.1",
                "localhost",
                "LOCALHOST",
                "[::1]",
                "127.1",
                "0x7f000001",
                "2130706433",
                "0177.0.0.1",
                "127.0.0.1.",
                "127.0.0.01",
                "[::ffff:127.0.0.1]",
                "media.example",
                "MEDIA.Example",
                "media.example.",
                "media.example.evil",
                "evil.example",
                "169.254.169.254",
                "[fd00::1]",
                "exa_mple",
                "",
                "%31%32%37.0.0.1",
                "xn--mdia-bsa.example");
        Arbitrary<String> portPart = Arbitraries.of(
                "",
                ":" + port,
                ":" + port,
                ":0" + port,
                ":80",
                ":443",
                ":" + (port + 1),
                ":" + (port + 65536),
                ":-1",
                ":",
                ":abc",
                ":" + port + ":" + port);
        Arbitrary<String> path = Arbitraries.of(
                "/media",
                "/media",
                "/elsewhere",
                "/secret",
                "",
                "/media?x=1",
                "/media#frag",
                "/../media",
                "/%2e%2e/media",
                "/media/%00",
                "//media",
                "/\u00e9",
                "?",
                "#");
        return Combinators.combine(scheme, userInfo, host, portPart, path)
                .as((s, u, h, p, rest) -> s + "://" + u + h + p + rest);
    }
}
