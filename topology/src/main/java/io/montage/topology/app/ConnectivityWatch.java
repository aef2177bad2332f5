package io.montage.topology.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.montage.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every few seconds that Kafka and the schema registry answer, so that {@code /ready} says
 * which one Montage is waiting for.
 *
 * <p>Why: while the broker is away, Kafka Streams keeps every stage RUNNING and retries quietly,
 * and while the registry is away the stages go on as long as their schemas are cached; in both
 * cases nothing told an operator (or a load balancer) that Montage was stalled or about to be. The
 * stages themselves need no help to resume: their clients reconnect, and exactly-once processing
 * picks up from the last commit.
 */
final class ConnectivityWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectivityWatch.class);
    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    /** One service watched: its name and address, and since when it has not answered (null: it answers). */
    private static final class Watched {
        final String name;
        final String address;
        final AtomicReference<Problem> problem = new AtomicReference<>();

        Watched(String name, String address) {
            this.name = name;
            this.address = address;
        }
    }

    private record Problem(Instant since, String reason) {}

    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final Watched kafka;
    private final Watched schemaRegistry;
    private final ScheduledExecutorService checks;

    ConnectivityWatch(
            Map<String, Object> adminConfig,
            String bootstrapServers,
            SchemaRegistryClient registry,
            String registryUrl,
            MeterRegistry meters) {
        this.admin = Admin.create(adminConfig);
        this.registry = registry;
        this.kafka = new Watched("Kafka", bootstrapServers);
        this.schemaRegistry = new Watched("schema registry", registryUrl);
        for (Watched watched : new Watched[] {kafka, schemaRegistry}) {
            Gauge.builder("montage.infrastructure.reachable", watched, w -> w.problem.get() == null ? 1 : 0)
                    .description("1 while the service answered its last check, 0 while it does not")
                    .tag("service", watched == kafka ? "kafka" : "schema-registry")
                    .register(meters);
        }
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "montage-connectivity-watch");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::checkBoth, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What Montage waits for now, or empty when both answer. */
    Optional<String> problem() {
        StringBuilder text = new StringBuilder();
        for (Watched watched : new Watched[] {kafka, schemaRegistry}) {
            Problem problem = watched.problem.get();
            if (problem != null) {
                text.append(text.length() == 0 ? "" : "; ").append(describe(watched, problem));
            }
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString());
    }

    private static String describe(Watched watched, Problem problem) {
        long seconds = Duration.between(problem.since(), Instant.now()).toSeconds();
        return watched.name + " at " + watched.address + " has not answered for " + seconds + " s (" + problem.reason()
                + "); the stages wait for it and resume by themselves when it is back";
    }

    private void checkBoth() {
        check(kafka, () -> admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()))
                .nodes()
                .get(CALL_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS));
        check(schemaRegistry, registry::globalCompatibility);
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void check(Watched watched, Check call) {
        try {
            call.run();
            Problem previous = watched.problem.getAndSet(null);
            if (previous != null) {
                log.info(
                        "{} at {} answers again, after {} s",
                        watched.name,
                        watched.address,
                        Duration.between(previous.since(), Instant.now()).toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause =
                    e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            Problem now = new Problem(Instant.now(), reason);
            if (watched.problem.compareAndSet(null, now)) {
                log.warn(
                        "{} at {} does not answer ({}); Montage is ready again once it does",
                        watched.name,
                        watched.address,
                        reason);
            }
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        try {
            checks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(1));
    }
}
