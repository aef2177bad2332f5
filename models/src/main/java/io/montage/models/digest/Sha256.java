package io.montage.models.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex: the form the model catalog pins files by, and the digest every
 * upload's probe result and media reference carries.
 */
public final class Sha256 {

    private Sha256() {}

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(newDigest().digest(data));
    }

    /** Of a file, read in 64 KiB pieces, so a model of gigabytes is never held in memory. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java SE runtime must provide", e);
        }
    }
}
