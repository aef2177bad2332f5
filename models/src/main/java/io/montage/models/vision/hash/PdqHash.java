package io.montage.models.vision.hash;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 256-bit PDQ hash. Bit {@code k} is DCT coefficient (row {@code k / 16}, column {@code k % 16})
 * of the 16×16 block, set when that coefficient is above the block's median.
 *
 * <p>The hexadecimal form is the one the ThreatExchange reference tools print and moderation lists
 * exchange: 64 digits, most significant bit (bit 255) first. Keeping that exact form lets a list
 * published elsewhere be matched here without conversion.
 */
public final class PdqHash {

    public static final int BITS = 256;

    private static final int WORDS = BITS / Long.SIZE;
    private static final PdqHash ZERO = new PdqHash(new long[WORDS]);

    // words[0] holds bits 0..63; the hex form prints words[3] first.
    private final long[] words;

    private PdqHash(long[] words) {
        this.words = words;
    }

    /** The all-zero hash: what PDQ gives for an image too small to hash (under 5 pixels a side). */
    public static PdqHash zero() {
        return ZERO;
    }

    static PdqHash ofBits(boolean[] bits) {
        if (bits.length != BITS) {
            throw new IllegalArgumentException("a PDQ hash has " + BITS + " bits, not " + bits.length);
        }
        long[] words = new long[WORDS];
        for (int k = 0; k < BITS; k++) {
            if (bits[k]) {
                words[k / Long.SIZE] |= 1L << (k % Long.SIZE);
            }
        }
        return new PdqHash(words);
    }

    /** Parses the reference tools' 64-digit hexadecimal form. */
    public static PdqHash fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != BITS / 4) {
            throw new IllegalArgumentException(
                    "a PDQ hash is 64 hexadecimal digits; got " + hex.length() + " characters: \"" + hex + "\"");
        }
        long[] words = new long[WORDS];
        for (int w = 0; w < WORDS; w++) {
            int start = (WORDS - 1 - w) * 16;
            words[w] = HexFormat.fromHexDigitsToLong(hex, start, start + 16);
        }
        return new PdqHash(words);
    }

    /** The hash from the 32 bytes {@link #bytes()} gives: the {@code pdqHash} of a probe result or a list entry. */
    public static PdqHash fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BITS / Byte.SIZE) {
            throw new IllegalArgumentException("a PDQ hash is " + BITS / Byte.SIZE + " bytes; got " + bytes.length);
        }
        return fromHex(HexFormat.of().formatHex(bytes));
    }

    /** The 32 bytes of the hexadecimal form, in its order (bit 255 first): Avro's {@code Hash256}. */
    public byte[] bytes() {
        return HexFormat.of().parseHex(toHex());
    }

    public String toHex() {
        StringBuilder out = new StringBuilder(BITS / 4);
        for (int w = WORDS - 1; w >= 0; w--) {
            out.append(HexFormat.of().toHexDigits(words[w]));
        }
        return out.toString();
    }

    public boolean bit(int k) {
        return (words[k / Long.SIZE] >>> (k % Long.SIZE) & 1L) != 0;
    }

    /** Number of set bits; about 128 for any image with texture, since bits are set above a median. */
    public int bitCount() {
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        return count;
    }

    /** Hamming distance: 0 for the same picture; about 128 for unrelated pictures. */
    public int distance(PdqHash other) {
        int count = 0;
        for (int w = 0; w < WORDS; w++) {
            count += Long.bitCount(words[w] ^ other.words[w]);
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PdqHash other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
