package io.montage.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one JSON request to the registry: adds the Confluent content type and basic
 * authentication, fails over to the next base URL when one is unreachable, and turns error
 * responses into {@link SchemaRegistryException}s.
 */
final class RegistryHttpTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryClientConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    /** The URL that answered last, tried first next time so a dead one costs only one failure. */
    private final AtomicInteger preferred = new AtomicInteger();

    RegistryHttpTransport(RegistryClientConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http =
                HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode send(String method, String path, JsonNode body) {
        List<URI> urls = config.baseUrls();
        int first = preferred.get();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (first + attempt) % urls.size();
            try {
                JsonNode answer = sendOnce(urls.get(index), method, path, body);
                preferred.set(index);
                return answer;
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        SchemaRegistryException.UNREACHABLE,
                        SchemaRegistryException.UNREACHABLE,
                        "Interrupted while calling the schema registry" + " at " + config.describeUrls(),
                        e);
            }
        }
        throw unreachable(lastFailure);
    }

    private JsonNode sendOnce(URI base, String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        config.basicAuthUserInfo()
                .ifPresent(userInfo -> request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw errorFrom(response, method, base + path);
        }
        return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
    }

    private SchemaRegistryException errorFrom(HttpResponse<byte[]> response, String method, String url) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        try {
            JsonNode error = json.readTree(text);
            if (error != null && error.has("error_code")) {
                return new SchemaRegistryException(
                        status,
                        error.get("error_code").asInt(),
                        error.path("message").asText() + " (" + method + " " + url + ")");
            }
        } catch (IOException notJson) {
            // Proxies and authentication layers answer with HTML or plain text; report it as it is.
        }
        String hint = status == 401 || status == 403 ? " — check " + RegistryClientConfig.BASIC_AUTH_USER_INFO : "";
        return new SchemaRegistryException(
                status,
                status,
                "Schema registry answered HTTP " + status + " to " + method + " " + url + ": " + abbreviate(text)
                        + hint);
    }

    private SchemaRegistryException unreachable(IOException cause) {
        String reason = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause);
        return new SchemaRegistryException(
                SchemaRegistryException.UNREACHABLE,
                SchemaRegistryException.UNREACHABLE,
                "Schema registry at " + config.describeUrls()
                        + " is unreachable: " + reason + " — is it running? set "
                        + RegistryClientConfig.URL + " to its address",
                cause);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
