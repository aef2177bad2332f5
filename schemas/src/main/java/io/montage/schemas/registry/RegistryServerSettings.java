package io.montage.schemas.registry;

import java.util.Optional;

/**
 * How the embedded registry guards itself.
 *
 * @param users who may call it, with basic authentication; empty lets anyone who can reach it in,
 *     which {@link EmbeddedSchemaRegistry#start} allows only on a loopback address
 * @param readOnly refuse every change (new schema versions, deletions, compatibility): the
 *     counterpart of Confluent's READONLY mode, fixed when the registry starts
 * @param maxRequestBytes larger request bodies are refused with 413, never held in memory
 */
public record RegistryServerSettings(Optional<RegistryUsers> users, boolean readOnly, int maxRequestBytes) {

    /** Montage's schemas are a few kilobytes; a megabyte leaves room for any real schema. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    public RegistryServerSettings {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException(
                    "the registry's largest request must be at least 1024" + " bytes, was " + maxRequestBytes);
        }
    }

    /** Open to anyone who can reach it, read-write, 1 MiB bodies: the loopback default. */
    public static RegistryServerSettings open() {
        return new RegistryServerSettings(Optional.empty(), false, DEFAULT_MAX_REQUEST_BYTES);
    }

    /** Whether a caller's change is refused, and why; empty when it may go ahead. */
    Optional<SchemaRegistryException> refusal(Caller caller, String action) {
        if (readOnly) {
            return Optional.of(RegistryErrors.readOnly(action));
        }
        if (!caller.mayWrite()) {
            return Optional.of(RegistryErrors.forbidden(caller.name(), action));
        }
        return Optional.empty();
    }

    /** The caller of a request with this {@code Authorization} header (null when absent). */
    Caller authenticate(String authorization) {
        return users.map(u -> u.authenticate(authorization)).orElse(Caller.ANONYMOUS);
    }
}
