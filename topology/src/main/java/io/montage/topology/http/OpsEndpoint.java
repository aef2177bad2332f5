package io.montage.topology.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics and health endpoints. The JDK's built-in HTTP server is enough for three
 * read-only paths scraped every few seconds, and adds no dependency.
 *
 * <ul>
 * <li>{@code /metrics}: Prometheus text format</li>
 * <li>{@code /health}: 200 while the process is alive and Kafka Streams has not failed</li>
 * <li>{@code /ready}: 200 once Kafka Streams is RUNNING (for load balancers and rollouts); the body
 * also lists which stages are on and, for those that are off, why</li>
 * </ul>
 */
public final class OpsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);

    /** What the health endpoints report. */
    public interface HealthSource {
        boolean alive();

        boolean ready();

        String describe();
    }

    private final HttpServer server;

    private OpsEndpoint(HttpServer server) {
        this.server = server;
    }

    public static OpsEndpoint start(String host, int port, Supplier<String> prometheusScrape, HealthSource health)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "montage-ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheusScrape.get()));
        server.createContext(
                "/health",
                exchange ->
                        respond(exchange, health.alive() ? 200 : 503, "text/plain; charset=utf-8", health.describe()));
        server.createContext(
                "/ready",
                exchange ->
                        respond(exchange, health.ready() ? 200 : 503, "text/plain; charset=utf-8", health.describe()));
        server.start();
        log.info(
                "Metrics on http://{}:{}/metrics, health on /health and /ready",
                host,
                server.getAddress().getPort());
        return new OpsEndpoint(server);
    }

    /** Serves {@code handler} under {@code path} beside the metrics and health endpoints (the web view, say). */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        log.info("Serving {} on http://{}:{}{}", path, server.getAddress().getHostString(), port(), path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
