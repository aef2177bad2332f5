package io.montage.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the Confluent Schema Registry REST paths onto {@link RegistryService}, answering with the
 * same JSON bodies, status codes and {@code {"error_code": …, "message": …}} errors. Before a
 * request is read it is authenticated (where the registry has users) and its body's size is
 * checked; every change is refused to read-only users and in read-only mode.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);

    /** How much of a refused body is read (and dropped) so that the client still gets the 413. */
    private static final long DISCARD_AT_MOST_BYTES = 64L * 1024 * 1024;

    private final RegistryService service;
    private final RegistryServerSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    /** What one request asked for: its caller, method, decoded path segments, query and body. */
    private record Request(
            Caller caller, String method, String path, List<String> segments, String query, byte[] body) {

        boolean is(String expectedMethod, int segmentCount) {
            return method.equals(expectedMethod) && segments.size() == segmentCount;
        }

        String segment(int index) {
            return segments.get(index);
        }
    }

    RegistryHttpHandler(RegistryService service, RegistryServerSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            try {
                respond(exchange, 200, route(read(exchange)));
            } catch (SchemaRegistryException e) {
                logRefusal(method, path, e);
                if (e.httpStatus() == 401) {
                    exchange.getResponseHeaders()
                            .set("WWW-Authenticate", "Basic realm=\"schema-registry\", charset=\"UTF-8\"");
                }
                respond(exchange, e.httpStatus(), error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                log.error("Schema registry request {} {} failed", method, path, e);
                respond(exchange, 500, error(50001, "Error in the backend data store: " + e));
            }
        }
    }

    /** Server errors with their cause; refusals quietly, since anyone reaching the port can cause them. */
    private static void logRefusal(String method, String path, SchemaRegistryException e) {
        if (e.httpStatus() >= 500) {
            log.error("Schema registry request {} {} failed: {}", method, path, e.getMessage(), e.getCause());
        } else if (e.httpStatus() == 413) {
            log.warn("Schema registry refused {} {}: {}", method, path, e.getMessage());
        } else {
            log.debug("Schema registry answered {} to {} {}: {}", e.httpStatus(), method, path, e.getMessage());
        }
    }

    private JsonNode route(Request request) {
        List<String> path = request.segments();
        if (path.isEmpty()) {
            return onlyGet(request, json.createObjectNode());
        }
        switch (path.get(0)) {
            case "subjects":
                return subjects(request);
            case "schemas":
                return schemas(request);
            case "compatibility":
                return compatibility(request);
            case "config":
                return config(request);
            case "mode":
                return mode(request);
            default:
                throw RegistryErrors.notFound(request.method(), request.path());
        }
    }

    private JsonNode subjects(Request request) {
        int size = request.segments().size();
        if (size == 1) {
            return onlyGet(request, strings(service.subjects()));
        }
        String subject = request.segment(1);
        if (size == 2) {
            if (request.is("POST", 2)) {
                return versionBody(service.lookup(subject, schemaText(request)));
            }
            if (request.is("DELETE", 2)) {
                requireWrite(request, "delete subject '" + subject + "'");
                if (request.query().contains("permanent=true")) {
                    throw RegistryErrors.badRequest("Permanent deletion is not supported by the embedded"
                            + " registry; soft-delete with DELETE /subjects/" + subject + " instead.");
                }
                return ints(service.deleteSubject(subject));
            }
            throw RegistryErrors.methodNotAllowed(request.method(), request.path());
        }
        if (!request.segment(2).equals("versions") || size > 5) {
            throw RegistryErrors.notFound(request.method(), request.path());
        }
        if (size == 3) {
            return request.is("POST", 3)
                    ? json.createObjectNode().put("id", register(request, subject))
                    : onlyGet(request, ints(service.versions(subject)));
        }
        StoredSchema version = service.version(subject, request.segment(3));
        if (size == 4) {
            return onlyGet(request, versionBody(version));
        }
        if (request.segment(4).equals("schema")) {
            return onlyGet(request, parseJson(version.schema().getBytes(StandardCharsets.UTF_8)));
        }
        throw RegistryErrors.notFound(request.method(), request.path());
    }

    private JsonNode schemas(Request request) {
        List<String> path = request.segments();
        if (path.size() == 2 && path.get(1).equals("types")) {
            return onlyGet(request, strings(List.of("AVRO")));
        }
        if (path.size() >= 3 && path.size() <= 4 && path.get(1).equals("ids")) {
            int id = schemaId(path.get(2));
            if (path.size() == 3) {
                return onlyGet(request, json.createObjectNode().put("schema", service.schemaById(id)));
            }
            if (path.get(3).equals("subjects")) {
                return onlyGet(request, strings(service.subjectsForId(id)));
            }
        }
        throw RegistryErrors.notFound(request.method(), request.path());
    }

    private JsonNode compatibility(Request request) {
        List<String> path = request.segments();
        if (path.size() != 5 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
            throw RegistryErrors.notFound(request.method(), request.path());
        }
        if (!request.method().equals("POST")) {
            throw RegistryErrors.methodNotAllowed(request.method(), request.path());
        }
        Optional<String> problem = service.incompatibility(path.get(2), path.get(4), schemaText(request));
        ObjectNode answer = json.createObjectNode().put("is_compatible", problem.isEmpty());
        if (problem.isPresent() && request.query().contains("verbose=true")) {
            answer.putArray("messages").add(problem.get());
        }
        return answer;
    }

    private JsonNode config(Request request) {
        List<String> path = request.segments();
        if (path.size() > 2) {
            throw RegistryErrors.notFound(request.method(), request.path());
        }
        Optional<String> subject = path.size() == 2 ? Optional.of(path.get(1)) : Optional.empty();
        if (request.method().equals("PUT")) {
            requireWrite(
                    request,
                    "change the compatibility of "
                            + subject.map(s -> "subject '" + s + "'").orElse("the registry"));
            String levelText = body(request).path("compatibility").asText(null);
            return json.createObjectNode()
                    .put("compatibility", service.setLevel(subject, levelText).name());
        }
        CompatibilityLevel level = subject.map(
                        s -> service.subjectLevel(s, request.query().contains("defaultToGlobal=true")))
                .orElseGet(service::globalLevel);
        return onlyGet(request, json.createObjectNode().put("compatibilityLevel", level.name()));
    }

    /**
     * A registration; where the caller may not change the registry, a schema already registered
     * under the subject still answers its id (nothing changes), so that serializers that always
     * register keep working against a read-only registry. Only a new version is refused.
     */
    private int register(Request request, String subject) {
        String schema = schemaText(request);
        Optional<SchemaRegistryException> refusal =
                settings.refusal(request.caller(), "register a new schema under subject '" + subject + "'");
        if (refusal.isEmpty()) {
            return service.register(subject, schema);
        }
        try {
            return service.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw refusal.get();
            }
            throw e;
        }
    }

    private void requireWrite(Request request, String action) {
        Optional<SchemaRegistryException> refusal = settings.refusal(request.caller(), action);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** Confluent's {@code /mode}: fixed at start here, so it can be read but not changed. */
    private JsonNode mode(Request request) {
        if (request.segments().size() > 2) {
            throw RegistryErrors.notFound(request.method(), request.path());
        }
        if (request.method().equals("PUT")) {
            throw new SchemaRegistryException(
                    422,
                    42205,
                    "The mode of this registry is set when it"
                            + " starts (montage.embedded.registry.read-only) and cannot be changed over the API.");
        }
        return onlyGet(request, json.createObjectNode().put("mode", settings.readOnly() ? "READONLY" : "READWRITE"));
    }

    /** The body of {@code GET /subjects/{s}/versions/{v}} and of a lookup. */
    private ObjectNode versionBody(StoredSchema schema) {
        return json.createObjectNode()
                .put("subject", schema.subject())
                .put("version", schema.version())
                .put("id", schema.id())
                .put("schema", schema.schema());
    }

    /** The Avro schema of a registration, lookup or compatibility request. */
    private String schemaText(Request request) {
        JsonNode body = body(request);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw RegistryErrors.invalidSchema(
                    "schemaType " + type + " is not supported by this" + " registry; it stores only AVRO schemas");
        }
        if (body.path("references").size() > 0) {
            throw RegistryErrors.invalidSchema(
                    "schema references are not supported by this registry;" + " inline the referenced types");
        }
        return body.path("schema").asText(null);
    }

    private JsonNode body(Request request) {
        JsonNode body = parseJson(request.body());
        if (!body.isObject()) {
            throw RegistryErrors.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    private JsonNode parseJson(byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? json.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw RegistryErrors.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode onlyGet(Request request, JsonNode answer) {
        if (!request.method().equals("GET")) {
            throw RegistryErrors.methodNotAllowed(request.method(), request.path());
        }
        return answer;
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryErrors.schemaNotFound("Schema " + text + " not found; ids are integers.");
        }
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private ArrayNode ints(List<Integer> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private ObjectNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    /** Authenticates the caller, then reads the body, never more than the size allowed. */
    private Request read(HttpExchange exchange) throws IOException {
        Caller caller = settings.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
        String query =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        int limit = settings.maxRequestBytes();
        long declared = declaredLength(exchange);
        try (InputStream in = exchange.getRequestBody()) {
            if (declared > limit) {
                discard(in);
                throw RegistryErrors.bodyTooLarge(declared, limit);
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                discard(in);
                throw RegistryErrors.bodyTooLarge(-1, limit);
            }
            return new Request(caller, exchange.getRequestMethod(), rawPath, segments, query, body);
        }
    }

    /**
     * Reads and drops what the client is still sending of a refused body, up to a bound. Why: closing
     * a connection with unread bytes makes TCP reset it, and the client then loses the 413 answer
     * (seen as "connection reset" or an empty body). Past the bound the connection is reset anyway.
     */
    private static void discard(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = DISCARD_AT_MOST_BYTES;
        int read;
        while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= read;
        }
    }

    /** The Content-Length the client declared, or -1 (chunked, or none). */
    private static long declaredLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw RegistryErrors.badRequest("The Content-Length header '" + header + "' is not a" + " number.");
        }
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RegistryHttpTransport.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        // Closed before the exchange: closing the exchange first drops the answer when the request
        // body was left unread (as for a 413).
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
