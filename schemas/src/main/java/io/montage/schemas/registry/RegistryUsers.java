package io.montage.schemas.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users allowed to call the embedded registry, read from a file in the format Confluent's
 * registry takes for basic authentication (Jetty's {@code PropertyFileLoginModule}): one user per
 * line, {@code name: password[,role…]}, {@code #} starting a comment. A user with the role
 * {@value #WRITE_ROLE} may register schemas, delete subjects and change compatibility; every
 * other user may only read (look up schemas, test compatibility, list).
 *
 * <p>Passwords are compared in constant time, so the time an answer takes does not reveal how
 * much of a guess was right.
 */
public final class RegistryUsers {

    public static final String WRITE_ROLE = "write";
    public static final String READ_ROLE = "read";

    private static final Logger log = LoggerFactory.getLogger(RegistryUsers.class);
    private static final String BASIC = "Basic ";

    private record User(byte[] password, boolean mayWrite) {}

    private final Map<String, User> users;

    private RegistryUsers(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /**
     * Reads {@code file}; warns when others than its owner may read it.
     *
     * @throws IllegalArgumentException when the file is missing, empty or has a malformed line
     */
    public static RegistryUsers load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The registry's users file " + file + " does not exist;"
                    + " create it with one line per user: name: password[,write]");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the registry's users file " + file, e);
        }
        RegistryUsers users = parse(lines, file.toString());
        warnWhenReadableByOthers(file);
        return users;
    }

    /** Parses the lines of a users file; {@code source} names it in error messages. */
    static RegistryUsers parse(List<String> lines, String source) {
        Map<String, User> users = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            String[] credentials =
                    colon < 0 ? new String[0] : line.substring(colon + 1).split(",");
            if (name.isEmpty()
                    || credentials.length == 0
                    || credentials[0].strip().isEmpty()) {
                throw new IllegalArgumentException(
                        source + " line " + number + " is not 'name: password" + "[,role…]'");
            }
            boolean mayWrite = false;
            for (int i = 1; i < credentials.length; i++) {
                String role = credentials[i].strip();
                if (!role.equals(WRITE_ROLE) && !role.equals(READ_ROLE)) {
                    throw new IllegalArgumentException(source + " line " + number + " gives user '" + name
                            + "' the role '" + role + "'; the roles are " + WRITE_ROLE + " and " + READ_ROLE);
                }
                mayWrite |= role.equals(WRITE_ROLE);
            }
            if (users.put(name, new User(credentials[0].strip().getBytes(StandardCharsets.UTF_8), mayWrite)) != null) {
                throw new IllegalArgumentException(
                        source + " line " + number + " names user '" + name + "' a second time");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(
                    source + " names no user; add one line per user: name:" + " password[,write]");
        }
        return new RegistryUsers(users);
    }

    /**
     * The caller an {@code Authorization} header names.
     *
     * @throws SchemaRegistryException 401 when the header is missing, malformed or wrong
     */
    Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw RegistryErrors.unauthorized("This registry requires authentication");
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryErrors.unauthorized(
                    "The Authorization header is not valid basic" + " authentication (base64 of user:password)");
        }
        int colon = decoded.indexOf(':');
        String name = colon < 0 ? decoded : decoded.substring(0, colon);
        byte[] password = (colon < 0 ? "" : decoded.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
        Optional<User> user = Optional.ofNullable(users.get(name));
        // Compare against something even for an unknown name, so that timing does not tell names apart.
        byte[] expected = user.map(User::password).orElse(new byte[password.length + 1]);
        if (!MessageDigest.isEqual(expected, password) || user.isEmpty()) {
            throw RegistryErrors.unauthorized("Wrong user name or password");
        }
        return new Caller(name, user.get().mayWrite());
    }

    private static void warnWhenReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn(
                        "The registry's users file {} holds passwords and can be read by other users of"
                                + " this machine; chmod 600 it",
                        file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }
}
