package io.montage.models.media;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * An ID3v2 tag header declaring any size its four 7-bit bytes hold, followed by {@code present}
 * bytes of the tag (zeros, which no other header reader takes for its own).
 *
 * @param majorVersion any but 0xFF, which the ID3v2 header never has there
 * @param footer       whether the flags announce a 10-byte footer after the tag
 */
record BuiltId3Tag(int majorVersion, boolean footer, int declaredSize, int present) {

    private static final int HEADER_BYTES = 10;
    private static final int LARGEST_SIZE = (1 << 28) - 1;

    /** Sizes of a few kilobytes, the ones a cut and a complete tag both reach, and any size at all. */
    static Arbitrary<BuiltId3Tag> tags() {
        Arbitrary<Integer> size = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 4096), Arbitraries.integers().between(0, LARGEST_SIZE));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 0xFE),
                        Arbitraries.of(true, false),
                        size,
                        Arbitraries.integers().between(0, 4200))
                .as(BuiltId3Tag::new);
    }

    byte[] bytes() {
        byte[] tag = new byte[HEADER_BYTES + present];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = (byte) majorVersion;
        tag[5] = (byte) (footer ? 0x10 : 0);
        for (int i = 0; i < 4; i++) {
            tag[6 + i] = (byte) ((declaredSize >> (7 * (3 - i))) & 0x7F);
        }
        return tag;
    }

    /** The first byte after the tag and its footer: where the audio starts. */
    long end() {
        return HEADER_BYTES + (long) declaredSize + (footer ? HEADER_BYTES : 0);
    }

    boolean isCut() {
        return HEADER_BYTES + present < end();
    }
}
