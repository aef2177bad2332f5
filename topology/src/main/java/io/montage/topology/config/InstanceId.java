package io.montage.topology.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The default instance id: the host name and a digest of the data directory's absolute path. It
 * stays the same across restarts of one instance and differs between instances (two instances
 * cannot share a data directory: Kafka Streams locks its state there).
 */
final class InstanceId {

    private InstanceId() {}

    static String of(Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "montage";
        }
        String path = dataDir.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-") + "-"
                    + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
