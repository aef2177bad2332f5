package io.montage.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small schema registry speaking the Confluent REST API, storing its schemas in a compacted
 * Kafka topic as Confluent's does: Montage's default for development and for tests, reachable by
 * any Confluent-compatible client. Several instances may share one topic.
 *
 * <p>It serves HTTP with the JDK's {@link HttpServer}: a handful of JSON endpoints do not justify
 * a server framework as a dependency of every module that uses the schemas.
 */
public final class EmbeddedSchemaRegistry implements Closeable {

    /** Confluent's default topic name, so the layout is familiar to anyone who knows it. */
    public static final String DEFAULT_TOPIC = "_schemas";

    public static final int DEFAULT_PORT = 8081;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final SchemaTopicStore store;
    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final URI url;

    private EmbeddedSchemaRegistry(SchemaTopicStore store, HttpServer server, ExecutorService requestThreads) {
        this.store = store;
        this.server = server;
        this.requestThreads = requestThreads;
        InetSocketAddress address = server.getAddress();
        // Bound to every interface, it is reached on loopback from this machine; IPv6 needs brackets.
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        this.url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /**
     * Reads {@code topic} (creating it if missing) to its end, then serves the REST API on
     * {@code host}:{@code port} to anyone who can reach it; port 0 picks a free port, see
     * {@link #url()}.
     *
     * @throws SchemaRegistryException when Kafka cannot be reached within 30 s
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalArgumentException when {@code host} is not a loopback address
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port, String topic) {
        return start(bootstrapServers, host, port, topic, RegistryServerSettings.open());
    }

    /**
     * As {@link #start(String, String, int, String)}, guarded by {@code settings}. Without users
     * the registry binds only to a loopback address: anyone else who could reach it could replace
     * the schemas every producer and consumer relies on.
     */
    public static EmbeddedSchemaRegistry start(
            String bootstrapServers, String host, int port, String topic, RegistryServerSettings settings) {
        if (settings.users().isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("Refusing to serve the schema registry on " + host
                    + " without authentication: anyone who can reach it could register, replace or delete"
                    + " schemas. Set montage.embedded.registry.users-file (lines of name: password[,write])"
                    + " or bind it to a loopback address (montage.embedded.host=127.0.0.1).");
        }
        SchemaRegistryState state = new SchemaRegistryState();
        SchemaTopicStore store = new SchemaTopicStore(bootstrapServers, topic, STORE_TIMEOUT, state);
        try {
            store.start();
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ExecutorService threads = Executors.newFixedThreadPool(4, daemonThreads());
            server.setExecutor(threads);
            server.createContext("/", new RegistryHttpHandler(new RegistryService(state, store), settings));
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(store, server, threads);
            log.info(
                    "Schema registry listening on {} (schemas in topic '{}' at {}; {}{})",
                    registry.url(),
                    topic,
                    bootstrapServers,
                    settings.users().isPresent() ? "basic authentication" : "no authentication",
                    settings.readOnly() ? ", read-only" : "");
            return registry;
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(
                    "Cannot serve the schema registry on " + host + ":" + port + " (" + e.getMessage()
                            + "); free the port or choose another one",
                    e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "The schema registry's host '" + host + "' cannot be" + " resolved: " + e.getMessage(), e);
        }
    }

    /** The address clients use, e.g. {@code http://127.0.0.1:8081}. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        requestThreads.shutdown();
        try {
            requestThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        log.info("Schema registry on {} stopped", url);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
