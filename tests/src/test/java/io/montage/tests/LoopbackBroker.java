package io.montage.tests;

import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;

/** Settings of an embedded broker for a test: loopback, free ports, Montage's record size. */
public final class LoopbackBroker {

    private LoopbackBroker() {}

    public static EmbeddedBrokerSettings settings(Path dataDir) {
        return new EmbeddedBrokerSettings(
                "127.0.0.1",
                EmbeddedKafkaBroker.freePort(),
                EmbeddedKafkaBroker.freePort(),
                dataDir,
                EmbeddedBrokerSettings.DEFAULT_MAX_MESSAGE_BYTES);
    }
}
