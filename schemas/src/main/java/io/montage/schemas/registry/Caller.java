package io.montage.schemas.registry;

/**
 * Who made a registry request, and whether they may change the registry.
 *
 * @param name the authenticated user, or {@code anonymous} where the registry requires no login
 * @param mayWrite whether the caller may register, delete and change compatibility
 */
record Caller(String name, boolean mayWrite) {

    /** Every caller of a registry that requires no authentication. */
    static final Caller ANONYMOUS = new Caller("anonymous", true);
}
