package io.montage.topology.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one process) for the embedded default
 * (docs/architecture.md, decision 4). It binds real TCP ports, so kcat or any Kafka client can connect to it like
 * to a real deployment, and keeps its log under a data directory that survives restarts.
 *
 * <p>Kafka ships no public "embedded broker" API; {@link KafkaRaftServer} plus the storage
 * {@link Formatter} are what {@code kafka-server-start.sh} and {@code kafka-storage.sh format} run.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final EmbeddedBrokerSettings settings;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(EmbeddedBrokerSettings settings, KafkaRaftServer server) {
        this.settings = settings;
        this.server = server;
    }

    /** Formats the data directory on first use, then starts the broker; returns once it serves. */
    public static EmbeddedKafkaBroker start(EmbeddedBrokerSettings settings) {
        requirePortFree(settings.host(), settings.port(), "Kafka broker");
        requirePortFree(settings.host(), settings.controllerPort(), "Kafka controller");
        Path logDir = settings.dataDir().resolve("kafka");
        try {
            Files.createDirectories(logDir);
            formatIfNew(logDir);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not prepare the embedded Kafka data directory " + logDir + ": " + e.getMessage()
                            + ". Check that it is writable, or point montage.data.dir elsewhere.",
                    e);
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(settings, logDir), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        long started = System.nanoTime();
        server.startup();
        log.info(
                "Embedded Kafka broker listening on {} (data in {}) after {} ms",
                settings.bootstrapServers(),
                logDir,
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedKafkaBroker(settings, server);
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker stopped");
    }

    private static void formatIfNew(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                // The formatter narrates to a print stream; one log line below says the same.
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .run();
        log.info("Formatted a new single-node KRaft log in {}", logDir);
    }

    private static Properties brokerProperties(EmbeddedBrokerSettings s, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + s.host() + ":" + s.controllerPort());
        p.put(
                "listeners",
                "PLAINTEXT://" + s.host() + ":" + s.port() + "," + CONTROLLER_LISTENER + "://" + s.host() + ":"
                        + s.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + s.host() + ":" + s.port());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // One node: internal topics (offsets, transactions for exactly_once_v2) can only have one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "8");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        // Inline media can be several MB; keep the broker's limit in step with the producer's.
        p.put("message.max.bytes", Integer.toString(s.maxMessageBytes()));
        p.put("replica.fetch.max.bytes", Integer.toString(s.maxMessageBytes()));
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void requirePortFree(String host, int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start the embedded " + what + ": " + host + ":" + port
                            + " is already in use (" + e.getMessage()
                            + "). Stop whatever holds it, or connect to that Kafka"
                            + " instead by setting bootstrap.servers.",
                    e);
        }
    }

    /** Finds a free TCP port on the loopback interface, for tests and side-by-side instances. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free TCP port on the loopback interface", e);
        }
    }
}
