package io.montage.schemas.registry;

/**
 * The errors the Confluent Schema Registry REST API documents, with their HTTP status and
 * {@code error_code}, so the embedded registry answers exactly as Confluent does.
 */
final class RegistryErrors {

    private RegistryErrors() {}

    static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static SchemaRegistryException versionNotFound(String subject, Object version) {
        return new SchemaRegistryException(
                404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static SchemaRegistryException schemaNotFound(String detail) {
        return new SchemaRegistryException(404, 40403, detail);
    }

    static SchemaRegistryException subjectSoftDeleted(String subject) {
        return new SchemaRegistryException(
                404,
                40404,
                "Subject '" + subject + "' was soft deleted. Register a schema under it again to bring it back.");
    }

    static SchemaRegistryException subjectConfigNotFound(String subject) {
        return new SchemaRegistryException(
                404,
                40408,
                "Subject '" + subject
                        + "' does not have subject-level compatibility configured;"
                        + " add ?defaultToGlobal=true to read the global level.");
    }

    static SchemaRegistryException incompatible(String subject, CompatibilityLevel level, String reason) {
        return new SchemaRegistryException(
                409,
                409,
                "Schema being registered is incompatible with an"
                        + " earlier schema for subject '" + subject + "' (compatibility " + level + "): " + reason
                        + ". Give new fields a default, or change the subject's level with PUT /config/"
                        + subject + ".");
    }

    static SchemaRegistryException invalidSchema(String reason) {
        return new SchemaRegistryException(422, 42201, "Invalid schema: " + reason);
    }

    static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(
                422,
                42202,
                "The specified version '" + version
                        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
                        + " \"latest\".");
    }

    static SchemaRegistryException invalidCompatibilityLevel(String level) {
        return new SchemaRegistryException(
                422,
                42203,
                "Invalid compatibility level '" + level + "'. Valid values are "
                        + java.util.Arrays.toString(CompatibilityLevel.values()) + ".");
    }

    static SchemaRegistryException badRequest(String reason) {
        return new SchemaRegistryException(400, 400, reason);
    }

    static SchemaRegistryException notFound(String method, String path) {
        return new SchemaRegistryException(
                404,
                404,
                "HTTP 404 Not Found: no endpoint " + method + " " + path
                        + " (this registry implements the Confluent Schema Registry REST API).");
    }

    static SchemaRegistryException methodNotAllowed(String method, String path) {
        return new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed: " + method + " " + path + ".");
    }

    /** No or wrong credentials on a registry that requires them; the answer carries a challenge. */
    static SchemaRegistryException unauthorized(String reason) {
        return new SchemaRegistryException(
                401,
                401,
                reason + "; clients send HTTP basic credentials"
                        + " with basic.auth.credentials.source=USER_INFO and basic.auth.user.info=user:password");
    }

    /** Confluent's authorization error code for a user without the right to a change. */
    static SchemaRegistryException forbidden(String user, String action) {
        return new SchemaRegistryException(
                403,
                40301,
                "User '" + user + "' may only read this"
                        + " registry, not " + action + "; give the user the write role in the registry's users"
                        + " file");
    }

    /** Confluent's code for an operation refused by the registry's mode. */
    static SchemaRegistryException readOnly(String action) {
        return new SchemaRegistryException(
                422,
                42205,
                "The registry is in read-only mode: it does" + " not " + action
                        + ". Schemas already registered are served and looked up as usual.");
    }

    static SchemaRegistryException bodyTooLarge(long size, int limit) {
        return new SchemaRegistryException(
                413,
                413,
                "The request body is " + (size < 0 ? "larger" : size + " bytes, larger") + " than the " + limit
                        + " bytes this registry accepts in one"
                        + " request (montage.embedded.registry.max-request-bytes)");
    }

    static SchemaRegistryException storeError(String reason, Throwable cause) {
        return new SchemaRegistryException(500, 50001, "Error in the backend data store: " + reason, cause);
    }

    static SchemaRegistryException timeout(String reason) {
        return new SchemaRegistryException(500, 50002, "Operation timed out: " + reason);
    }
}
