package io.montage.topology.embedded;

import io.montage.schemas.RecordLimits;
import java.nio.file.Path;

/**
 * Where the embedded broker listens and keeps its data.
 *
 * @param host            interface to bind; 127.0.0.1 by default so the dev broker is not exposed
 * @param port            client port (9092 by default, as a real Kafka)
 * @param controllerPort  KRaft controller port
 * @param dataDir         directory under which the broker keeps its log (survives restarts)
 * @param maxMessageBytes largest record the broker accepts; inline media need more than Kafka's 1 MB default
 */
public record EmbeddedBrokerSettings(String host, int port, int controllerPort, Path dataDir, int maxMessageBytes) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = RecordLimits.MAX_RECORD_BYTES;

    public String bootstrapServers() {
        return host + ":" + port;
    }
}
