package io.montage.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls to a registry, so tests can assert exact status codes and JSON bodies. */
final class RegistryHttp {

    /** One answer: its status, parsed JSON body and content type. */
    record Answer(int status, JsonNode body, String contentType, String challenge) {

        Answer(int status, JsonNode body, String contentType) {
            this(status, body, contentType, "");
        }

        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    private static final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String authorization;

    RegistryHttp(URI base) {
        this(base, null);
    }

    private RegistryHttp(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same calls with HTTP basic credentials. */
    RegistryHttp as(String user, String password) {
        return new RegistryHttp(
                base,
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The same calls with this raw Authorization header. */
    RegistryHttp withAuthorization(String header) {
        return new RegistryHttp(base, header);
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String body) {
        return send("POST", path, body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** A request body carrying {@code schema} as the Confluent API expects it: a JSON string. */
    static String schemaBody(String schema) {
        return json.createObjectNode().put("schema", schema).toString();
    }

    static JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    parse(response.body()),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
