package io.montage.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server answering canned responses and recording what it received, to test what the
 * client sends (headers, bodies) and how often, which a real registry cannot show.
 */
final class StubRegistryServer implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, String authorization, String contentType, String body) {}

    private record Canned(int status, String body) {}

    private final HttpServer server;
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubRegistryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String target = exchange.getRequestMethod() + " " + exchange.getRequestURI();
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Canned canned = answers.getOrDefault(
                        target, new Canned(404, "{\"error_code\": 404, \"message\": \"no stub for " + target + "\"}"));
                byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(canned.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** Answers {@code "METHOD /path"} with {@code status} and {@code body}. */
    StubRegistryServer answer(String request, int status, String body) {
        answers.put(request, new Canned(status, body));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
